"""Every text a model stores is text every document can hold.

The doors clean what people type (`shishi.notice.text.clean_text`: Word's manual line break
"\\x0b" becomes a line break, other control characters go). This is the net under them: any
model of shishi's, saved by any path (a page, the API, the admin, a management command, a door
not yet written), has its text fields cleaned the same way just before it is saved, so that a
bulletin, a Word or Excel form or an export can always be written from what is stored.
(`bulk_create` sends no signal: the few services that use it build their rows from text that
was cleaned at its door.)
"""

from __future__ import annotations

from django.db import models
from django.db.models.signals import pre_save

from shishi.notice.text import clean_text


def clean_text_fields(sender, instance, raw=False, **kwargs) -> None:
    if raw or not sender.__module__.startswith("shishi."):  # fixtures and restores are loaded as they were
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                cleaned = clean_text(value)
                if cleaned != value:
                    setattr(instance, field.attname, cleaned)


def connect() -> None:
    pre_save.connect(clean_text_fields, dispatch_uid="shishi.directory.text.clean_text_fields")
