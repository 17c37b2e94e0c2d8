"""Telling a person that something needs doing: the one way every app does it.

The reminder shows where the person works (each app's home.py lists what needs doing)
and reaches them by e-mail through a background task, after the transaction commits.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import IntegrityError, transaction

from ecm.accounts.models import User
from ecm.reminders.models import Reminder
from ecm.reminders.tasks import send_reminder

logger = logging.getLogger(__name__)


def remind(*, user: User, subject: str, link: str, key: str = "") -> None:
    """Tells `user` that something needs doing at `link` (a path within ECM, such as
    reverse(...)). `subject` is a generic sentence, for example "A missed appointment
    needs a follow-up": never the child's name or anything else about the child. With a
    `key` (for example "follow-up-overdue:12"), a second call for the same person and key
    does nothing, so scheduled checks can run as often as they like."""
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError("A reminder's link must be a path within ECM.")
    if key and Reminder.objects.filter(user=user, key=key).exists():
        return
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                user=user, subject=subject[:200], link=link, key=key[:120]
            )
    except IntegrityError:
        if not key:
            raise
        return  # the same reminder, created at the same moment by another process
    transaction.on_commit(partial(_enqueue, reminder.pk), robust=True)


def _enqueue(reminder_id: int) -> None:
    send_reminder.enqueue(reminder_id)
    logger.info("Reminder %s queued", reminder_id)
