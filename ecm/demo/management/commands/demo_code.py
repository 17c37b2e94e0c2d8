"""Prints the current second-factor code shared by the demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ecm.accounts import totp
from ecm.demo.data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current demo authenticator code (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo mode is off.")
        self.stdout.write(totp.current_code(DEMO_TOTP_SECRET))
