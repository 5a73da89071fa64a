"""Chasing units: e-mail, an in-app notice, and the region's group robot (钉钉/企业微信).

Every reminder is recorded; the same unit is not reminded about the same period twice within
SHISHI_REMINDER_INTERVAL_HOURS, whether by hand or by the scheduled `send_reminders` command.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from shishi.directory.messages import send_to_robot
from shishi.directory.models import InAppNotice, Person, Region, Unit
from shishi.history.services import record
from shishi.plans.models import Assignment, Period

from .models import QuarterlyReport, Reminder


class ReminderRefused(Exception):
    """Too soon after the last reminder; the message says when the last one went."""


def last_reminded(unit: Unit, period: Period) -> Reminder | None:
    return Reminder.objects.filter(unit=unit, period=period).order_by("-sent_at").first()


def remind(unit: Unit, period: Period, sender: Person | None = None) -> list[Reminder]:
    """Remind a unit that its report for the period is due or overdue."""
    interval = datetime.timedelta(hours=settings.SHISHI_REMINDER_INTERVAL_HOURS)
    with transaction.atomic():
        # Lock the unit row so that two coordinators clicking at once send one reminder.
        Unit.objects.select_for_update().filter(pk=unit.pk).first()
        last = last_reminded(unit, period)
        if last and timezone.now() - last.sent_at < interval:
            when = timezone.localtime(last.sent_at).strftime("%m月%d日 %H:%M")
            raise ReminderRefused(
                f"{unit}已于{when}提醒过，{settings.SHISHI_REMINDER_INTERVAL_HOURS}小时内不重复提醒。"
            )
        text = _message(unit, period)
        sent = [_in_app(unit, period, sender, text), _email(unit, period, sender, text)]
        webhook = _webhook(unit.region, unit, period, sender, text)
        if webhook:
            sent.append(webhook)
        who = "系统自动" if sender is None else str(sender)
        record(unit.region, sender, "reminded", f"{who}提醒{unit}报送{period}报表", plan=period.plan)
    return [r for r in sent if r is not None]


def _message(unit: Unit, period: Period) -> str:
    due = period.due_on.strftime("%Y年%m月%d日")
    return f"【实事进展提醒】{unit}：请于{due}前报送{period}为妇女儿童办实事工作进展情况报表（含盖章PDF）。"


def _in_app(unit, period, sender, text) -> Reminder:
    InAppNotice.objects.bulk_create(
        InAppNotice(person=person, text=text, url="/quarter/")
        for person in unit.people.filter(is_active=True)
    )
    return Reminder.objects.create(unit=unit, period=period, channel=Reminder.Channel.IN_APP, sent_by=sender)


def _email(unit, period, sender, text) -> Reminder | None:
    addresses = sorted(
        {a for a in [unit.email, *unit.people.filter(is_active=True).values_list("email", flat=True)] if a}
    )
    if not addresses:
        return None
    try:
        send_mail("实事进展报表提醒", text, settings.DEFAULT_FROM_EMAIL, addresses)
        delivered, detail = True, "、".join(addresses)
    except Exception as error:  # a mail server problem must not stop the other channels
        delivered, detail = False, f"邮件发送失败：{error}"[:300]
    return Reminder.objects.create(
        unit=unit,
        period=period,
        channel=Reminder.Channel.EMAIL,
        sent_by=sender,
        delivered=delivered,
        detail=detail[:300],
    )


def _webhook(region: Region, unit, period, sender, text) -> Reminder | None:
    robot = send_to_robot(region, text)  # the sender every message shares (directory.messages)
    if robot is None:
        return None
    return Reminder.objects.create(
        unit=unit,
        period=period,
        channel=Reminder.Channel.WEBHOOK,
        sent_by=sender,
        delivered=robot.delivered,
        detail=robot.detail[:300],
    )


def remind_due_units(
    today: datetime.date, before_days: int = 3, after_days: int = 3
) -> list[tuple[Unit, Period]]:
    """The scheduled reminder: a few days before and after each due date, every unit whose
    report for that period is not yet in. Run daily by cron (`manage.py send_reminders`)."""
    sent = []
    window = Period.objects.filter(
        due_on__gte=today - datetime.timedelta(days=after_days),
        due_on__lte=today + datetime.timedelta(days=before_days),
    ).select_related("plan")
    for period in window:
        done = set(
            QuarterlyReport.objects.filter(
                period=period, state__in=(QuarterlyReport.State.SUBMITTED, QuarterlyReport.State.ACCEPTED)
            ).values_list("unit_id", flat=True)
        )
        units = (
            Unit.objects.filter(pk__in=Assignment.objects.filter(project__plan=period.plan).values("unit_id"))
            .exclude(pk__in=done)
            .select_related("region")
        )
        for unit in units:
            try:
                remind(unit, period, None)
            except ReminderRefused:
                continue
            sent.append((unit, period))
    return sent
