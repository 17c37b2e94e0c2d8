"""Scheduled reminders (see `manage.py send_due_reminders`): a follow-up still open after
its due day reminds the person it is assigned to, once."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from ecm.compliance.models import FollowUp
from ecm.reminders.services import remind


def remind_due(now: datetime) -> int:
    overdue = FollowUp.objects.filter(
        completed_at__isnull=True, due_on__lt=timezone.localdate(now)
    ).select_related("assigned_to")
    count = 0
    for follow_up in overdue:
        remind(
            user=follow_up.assigned_to,
            subject="A follow-up of a missed appointment is overdue",
            link=reverse("compliance:follow-up", args=[follow_up.child_id, follow_up.pk]),
            key=f"follow-up-overdue:{follow_up.pk}",
        )
        count += 1
    return count
