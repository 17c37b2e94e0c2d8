"""`python manage.py send_due_reminders`: run every 15 minutes from cron (see
docs/deploy.md). Each app that has reminders to send on a schedule (outcomes not yet
recorded, overdue follow-ups) provides `ecm/<app>/due.py` with `remind_due(now) -> int`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from ecm.core import plugins


class Command(BaseCommand):
    help = "Send the reminders that are due (outcomes to record, overdue follow-ups)."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        count = sum(module.remind_due(now) for module in plugins.app_modules("due"))
        self.stdout.write(f"{count} reminders checked or sent.")
