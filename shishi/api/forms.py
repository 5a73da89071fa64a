"""The form that makes an API token."""

from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    """What the token is for. Taken as typed: tokens.create_token names what it refuses (a blank
    name, control characters, more than 60 characters)."""

    name = forms.Field(required=False)

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"] or "")
