"""Tells case managers, once, that a young person from 17½ in an ECM episode needs a
transition plan: on their home page and by e-mail (a link only). Run it daily, for
example from cron: `python manage.py send_transition_prompts`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ecm.reminders.services import remind
from ecm.transitions.models import TransitionPrompt
from ecm.transitions.queries import children_to_prompt


class Command(BaseCommand):
    help = "Remind case managers of young people who need a transition plan (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = 0
        for child in children_to_prompt():
            manager = child.case_manager
            assert manager is not None
            with transaction.atomic():
                _prompt, created = TransitionPrompt.objects.get_or_create(
                    child=child, defaults={"sent_to": manager}
                )
                if not created:
                    continue
                with translation.override(manager.language):
                    subject = _("A young person needs a plan for the move to adult probation")
                remind(
                    user=manager,
                    subject=str(subject),
                    link=reverse("transitions:index", args=[child.pk]),
                )
            sent += 1
        self.stdout.write(f"Transition prompts sent: {sent}.")
