"""Log-in throttling: after too many failed attempts for one user name from one address,
further attempts are refused for a while, whatever the password.

Counts live in Django's cache (per process by default; set CACHES to Redis or the database
when several app servers share the load, see docs)."""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.utils.translation import gettext as _

MAX_FAILURES = getattr(settings, "SHISHI_LOGIN_MAX_FAILURES", 5)
WINDOW_SECONDS = getattr(settings, "SHISHI_LOGIN_WINDOW_SECONDS", 15 * 60)


def login_name(username: str) -> str:
    """The name as authentication reads it, case-folded: one lock for every way of typing it.

    Django's log-in form strips the name and NFKC-normalises it before looking it up, so
    `ｌｅａｄｅｒ` (full-width) signs in as `leader`; the lock must count both as one name, or
    typing it another way buys five more guesses. Case is folded on top, so LEADER shares it too.
    """
    name = unicodedata.normalize("NFKC", username.strip()).strip()
    return unicodedata.normalize("NFKC", name.casefold())


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{login_name(username)}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def client_address(request) -> str:
    """Who is knocking. Behind nginx every request comes from nginx's own address, so the real
    one is the X-Real-IP header nginx sets; trusted only when SHISHI_BEHIND_PROXY says nginx is
    there, because a client reaching the app directly could write any header it likes."""
    if settings.SHISHI_BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR", "")


def is_locked(username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= MAX_FAILURES


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))


class ThrottledLoginView(LoginView):
    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        address = client_address(request)
        if is_locked(username, address):
            form = self.get_form()
            form.errors.clear()
            context = self.get_context_data(
                form=form, locked=True, locked_message=_("登录失败次数过多，请15分钟后再试，或联系管理员。")
            )
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            clear(username, address)
        else:
            record_failure(username, address)
        return response
