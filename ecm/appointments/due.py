"""Scheduled reminders (see `manage.py send_due_reminders`): an appointment that ended
without an outcome reminds the child's case manager, or whoever booked it, once."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.urls import reverse

from ecm.appointments.models import Appointment
from ecm.reminders.services import remind

# Give the person an hour to record it before reminding them; never remind of old ones.
GRACE = timedelta(hours=1)
LOOK_BACK = timedelta(days=14)


def remind_due(now: datetime) -> int:
    appointments = Appointment.objects.filter(
        starts_at__lte=now - GRACE, starts_at__gte=now - LOOK_BACK, outcome__isnull=True
    ).select_related("child__case_manager", "created_by")
    count = 0
    for appointment in appointments:
        if appointment.ends_at > now - GRACE:
            continue
        person = appointment.child.case_manager or appointment.created_by
        remind(
            user=person,
            subject="An appointment has ended: its outcome needs recording",
            link=reverse("appointments:outcome", args=[appointment.child_id, appointment.pk]),
            key=f"outcome:{appointment.pk}",
        )
        count += 1
    return count
