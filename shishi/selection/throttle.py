"""How many proposals one client may send through the public form: at most
SHISHI_PROPOSALS_PER_HOUR (default 5) per address an hour, counted in Django's cache (shared by
every app server once SHISHI_CACHE_URL is set). The address is the one the log-in throttle uses."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from shishi.directory.throttle import client_address

WINDOW_SECONDS = 60 * 60


def limit() -> int:
    return getattr(settings, "SHISHI_PROPOSALS_PER_HOUR", 5)


def _key(request) -> str:
    return "selection-proposals:" + hashlib.sha256(client_address(request).encode()).hexdigest()


def used_up(request) -> bool:
    return cache.get(_key(request), 0) >= limit()


def count(request) -> None:
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
