"""The form that brings a filled-in official form back."""

from __future__ import annotations

from django import forms


class FilledFormUpload(forms.Form):
    """A filled-in official form (.docx or .xlsx); services.read_upload reads what it holds."""

    form = forms.FileField(
        allow_empty_file=True, error_messages={"required": "请选择填好的报表文件（.docx 或 .xlsx）。"}
    )
