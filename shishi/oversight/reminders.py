"""Reminding every late unit of a quarter at once (the board's 提醒全部逾期单位)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from shishi.directory.models import Person, Unit
from shishi.plans.models import Period
from shishi.reporting.reminders import ReminderRefused, remind


@dataclass
class RemindedAll:
    sent: list[Unit]
    skipped: list[Unit]  # reminded within the interval (SHISHI_REMINDER_INTERVAL_HOURS): not again

    @property
    def summary(self) -> str:
        """What happened, in a sentence for the coordinator."""
        parts = []
        if self.sent:
            parts.append(f"已提醒{len(self.sent)}个逾期单位")
        if self.skipped:
            hours = settings.SHISHI_REMINDER_INTERVAL_HOURS
            parts.append(f"{len(self.skipped)}个单位{hours}小时内已提醒过，本次未重复提醒")
        return "；".join(parts) + "。" if parts else "没有逾期未报的单位。"


def remind_late_units(units: list[Unit], period: Period, sender: Person) -> RemindedAll:
    """Remind each of `units` (the board's late units) about `period` through `remind`, skipping
    those it refuses because they were reminded too recently."""
    done = RemindedAll([], [])
    for unit in units:
        try:
            remind(unit, period, sender)
        except ReminderRefused:
            done.skipped.append(unit)
        else:
            done.sent.append(unit)
    return done
