"""Access tokens for the REST API: made, shown once, checked, revoked.

A token acts with its person's rights, no more: a clerk's token writes that unit's drafts, a
coordinator's reads submitted reports. Only the token's SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from shishi.directory.models import Person

from .models import ApiToken

PREFIX = "shishi_"
MAX_ACTIVE = 20
# Writing last_used on every request would make every API read a database write.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenError(Exception):
    """A token action that cannot be done; the message says why, for a person."""


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(person: Person, name: str) -> tuple[ApiToken, str]:
    """A new token and its secret, which is never shown again."""
    name = name.strip()
    if not name:
        raise TokenError("请写明令牌的用途，例如“单位填报系统对接”。")
    if any(ord(ch) < 32 for ch in name):
        raise TokenError("用途中不能有控制字符。")
    if len(name) > 60:
        raise TokenError("用途不能超过60个字。")
    if person.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise TokenError(f"每人最多同时使用{MAX_ACTIVE}个令牌，请先停用不用的令牌。")
    raw = PREFIX + secrets.token_urlsafe(32)
    return ApiToken.objects.create(person=person, name=name, token_sha256=digest(raw)), raw


def revoke_token(person: Person, token_id: int) -> ApiToken:
    token = person.api_tokens.filter(pk=token_id).first()
    if token is None:
        raise TokenError("找不到这个令牌。")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(raw: str) -> ApiToken | None:
    """The live token for `raw`, or None: unknown, revoked, or its person can no longer sign in."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("person")
        .filter(token_sha256=digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.person.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
