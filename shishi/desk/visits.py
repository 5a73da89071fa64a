"""When a person last came: the log-in before this one, for "what changed since your last visit".

Django moves `last_login` to now as the person logs in (its own `user_logged_in` receiver, which
runs before ours), so the previous value is read just before that save and kept in the session.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from django.utils.dateparse import parse_datetime

from shishi.directory.models import Person

SESSION_KEY = "desk:previous_login"


def connect() -> None:
    pre_save.connect(_keep_previous_login, sender=Person, dispatch_uid="desk-keep-previous-login")
    user_logged_in.connect(_remember_previous_login, dispatch_uid="desk-remember-previous-login")


def _keep_previous_login(sender, instance: Person, update_fields=None, **kwargs) -> None:
    if instance.pk is not None and update_fields is not None and "last_login" in update_fields:
        instance.desk_previous_login = (
            Person.objects.filter(pk=instance.pk).values_list("last_login", flat=True).first()
        )


def _remember_previous_login(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    previous = getattr(user, "desk_previous_login", None)
    request.session[SESSION_KEY] = previous.isoformat() if previous else ""


def previous_login(request) -> datetime.datetime | None:
    """The person's log-in before this one; None for a first log-in (or a session from before)."""
    value = request.session.get(SESSION_KEY)
    return parse_datetime(value) if value else None
