"""How many proposals (or survey answers) one client may send through the public forms: at most
SHISHI_PROPOSALS_PER_HOUR (default 5) of each per address an hour, counted in Django's cache (shared by
every app server once SHISHI_CACHE_URL is set). The address is the one the log-in throttle uses."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from shishi.directory.throttle import client_address

WINDOW_SECONDS = 60 * 60


def limit() -> int:
    return getattr(settings, "SHISHI_PROPOSALS_PER_HOUR", 5)


def _key(request, what: str) -> str:
    """Whom the count is for: a signed-in person (a deputy, a unit's clerk) by their account, so
    that a meeting hall or a carrier's shared address does not stop them; anyone else by address."""
    if request.user.is_authenticated:
        return f"selection-{what}:person-{request.user.pk}"
    return f"selection-{what}:" + hashlib.sha256(client_address(request).encode()).hexdigest()


def used_up(request, what: str = "proposals") -> bool:
    """`what`: proposals (the proposal form), receipts (look-ups of unknown codes) or survey (the
    online survey), each counted apart."""
    return cache.get(_key(request, what), 0) >= limit()


def count(request, what: str = "proposals") -> None:
    key = _key(request, what)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
