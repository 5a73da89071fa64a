"""The form that issues a bulletin."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shishi.plans.forms import CleanTextField


class IssueForm(forms.Form):
    """The bulletin's title (empty for the standard one), the 版记's 抄送 and, when the quarter
    was issued before, why it is issued again (a correction under the same number needs one)."""

    title = CleanTextField(label=_("标题"), max_chars=200)
    # Left empty: the standard list (snapshot.default_copies_to); a 版记 always names its 抄送.
    copies_to = CleanTextField(label=_("抄送"), max_chars=200)
    reason = CleanTextField(label=_("更正原因"), max_chars=500)

    def __init__(self, *args, correcting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = correcting
        self.fields["reason"].error_messages["required"] = _(
            "本季度已印发过通报，再次印发是更正，请写明更正原因。"
        )
