"""The form that issues a bulletin."""

from __future__ import annotations

from django import forms

from shishi.plans.forms import CleanTextField


class IssueForm(forms.Form):
    """The bulletin's title; empty for the standard one (services.issue_bulletin bounds its length)."""

    title = CleanTextField()
