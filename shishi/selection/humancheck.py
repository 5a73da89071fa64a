"""A human check on the public proposal form that needs no outside service: a sum of two small
numbers written in Chinese numerals (三加五等于几？), answered in digits or in Chinese.

The form carries a token signed with django.core.signing that holds when it was made, a nonce,
and a keyed hash of nonce and answer, never the answer itself. A token is good once (its nonce
is remembered in the cache), for at most an hour, and not before MIN_SECONDS after it was made:
a person needs longer than that to type a proposal, a script does not.
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from dataclasses import dataclass

import cn2an
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "shishi.selection.human-check"
MIN_SECONDS = 3
MAX_SECONDS = 60 * 60
NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _mac(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}", algorithm="sha256").hexdigest()[:24]


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"t": int(time.time()), "n": nonce, "h": _mac(nonce, a + b)}, salt=SALT)
    return Challenge(f"{NUMERALS[a]}加{NUMERALS[b]}等于几？", token)


def read_answer(raw: str) -> int | None:
    """`7`, `７` or `七` (up to 十八) as an int; None for anything else.

    >>> [read_answer(raw) for raw in ("7", " ７ ", "七", "十八", "seven", "", "9" * 50)]
    [7, 7, 7, 18, None, None, None]
    """
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text or len(text) > 4:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text, "strict"))
    except (ValueError, KeyError, TypeError):
        return None


def refusal(token: str, raw_answer: str) -> str | None:
    """Why the check fails, in Chinese; None when it passes (the token is then spent)."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_SECONDS)
        made, nonce, mac = int(data["t"]), str(data["n"]), str(data["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "验证题已过期，请回答新的验证题后再提交。"
    if time.time() - made < MIN_SECONDS:
        return "提交太快了，请稍等几秒再提交。"
    answer = read_answer(raw_answer)
    if answer is None or not constant_time_compare(_mac(nonce, answer), mac):
        return "验证题答案不对，请重新计算。"
    if not cache.add(f"selection-check:{nonce}", 1, MAX_SECONDS):
        return "这道验证题已经用过，请回答新的验证题后再提交。"
    return None
