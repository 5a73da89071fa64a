"""Telling people something: a message in the application (消息), an e-mail to those who have an
address, and the region's group robot (钉钉/企业微信) where one is configured.

Each event is told once. `notify` takes a `key` naming the event (`report-submitted:12:2`, the
second version of report 12): a person gets at most one message per key, so that a retried
request, a double click or two servers doing the same work tell them once, and only those newly
told get an e-mail. Mail and the robot go after the transaction that made the messages commits:
an action that rolls back sends nothing, and a mail server or robot that fails stops neither the
action nor the in-app message (the failure is logged).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction

from .models import InAppNotice, Person, Region

ROBOT_TIMEOUT_SECONDS = 5
MAIL_SUBJECT = "实事系统消息"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """What became of a message sent outside the application."""

    delivered: bool
    detail: str


def send_to_robot(region: Region, text: str) -> Delivery | None:
    """Post the text to the region's group robot; None when the region has none configured.

    钉钉 and 企业微信 take the same text message: {"msgtype": "text", "text": {"content": …}}."""
    if not region.webhook_url or not region.webhook_kind:
        return None
    payload = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        region.webhook_url, data=payload, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=ROBOT_TIMEOUT_SECONDS) as response:
            return Delivery(200 <= response.status < 300, f"HTTP {response.status}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return Delivery(False, f"群机器人发送失败：{error}"[:300])


def notify(
    people: Iterable[Person],
    text: str,
    url: str = "",
    *,
    key: str,
    region: Region | None = None,
    subject: str = MAIL_SUBJECT,
) -> list[InAppNotice]:
    """Tell each active person `text` (with a link to `url`), at most once per person and `key`;
    e-mail those newly told who have an address, and post to `region`'s group robot if anyone
    was newly told. Returns the messages made now (none for those already told)."""
    text = text[:300]
    told: list[InAppNotice] = []
    seen: set[int] = set()
    for person in people:
        if person.pk in seen or not person.is_active:
            continue
        seen.add(person.pk)
        if key and InAppNotice.objects.filter(person=person, key=key).exists():
            continue
        try:
            # A savepoint: should a message be made meanwhile, the caller's work stays intact.
            with transaction.atomic():
                told.append(InAppNotice.objects.create(person=person, text=text, url=url[:300], key=key))
        except IntegrityError:  # another request told them at this very moment
            continue
    if told:
        addresses = [message.person.email for message in told if message.person.email]
        transaction.on_commit(lambda: _deliver(addresses, subject, text, url, region))
    return told


def _deliver(addresses: list[str], subject: str, text: str, url: str, region: Region | None) -> None:
    if addresses:
        body = f"{text}\n\n请登录实事系统，在“消息”中查看" + (f"：{url}" if url else "。")
        try:
            # One letter each, so that no one sees the others' addresses; one connection for all.
            send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [a]) for a in addresses])
        except Exception:  # a mail server problem must not undo what the person did
            log.warning("Mail to %s failed: %s", ", ".join(addresses), text, exc_info=True)
    if region is not None:
        robot = send_to_robot(region, text)
        if robot is not None and not robot.delivered:
            log.warning("Group robot of %s: %s", region, robot.detail)
