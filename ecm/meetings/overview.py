"""The meetings block on the child's record page, for staff readers: the next
meeting, the last meeting's attendance and the current tier (three queries)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.trm.queries import current_tier


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    meetings = FormulationMeeting.objects.filter(child=child)
    upcoming = (
        meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    last = (
        meetings.filter(status=MeetingStatus.HELD)
        .annotate(
            invited=Count("invitations"),
            attended_count=Count("invitations", filter=Q(invitations__attended=True)),
            agencies_invited=Count("invitations", filter=Q(invitations__agency__isnull=False)),
            agencies_attended=Count(
                "invitations",
                filter=Q(invitations__agency__isnull=False, invitations__attended=True),
            ),
        )
        .order_by("-starts_at", "-pk")
        .first()
    )
    return Section(
        "meetings/_overview.html",
        {
            "child": child,
            "next": upcoming,
            "last": last,
            "tier": current_tier(child),
            "can_schedule": access.can_schedule_meetings_in(actor, child.service_id),
        },
    )
