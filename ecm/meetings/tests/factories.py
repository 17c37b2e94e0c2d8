"""Small helpers for the meetings tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.conftest import World
from ecm.consent.tests.factories import consent
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingAction
from ecm.organisations.models import PartnerAgency


def meeting(
    child: Child,
    *,
    chair: User | None = None,
    starts_at: datetime | None = None,
    **fields: Any,
) -> FormulationMeeting:
    chair = chair or User.objects.get(
        memberships__service=child.service, memberships__role="psychologist"
    )
    values: dict[str, Any] = {
        "place": "Room 2, youth justice office",
        "scheduled_by": chair,
        "starts_at": starts_at or timezone.now() + timedelta(days=7),
    }
    values.update(fields)
    return FormulationMeeting.objects.create(child=child, chair=chair, **values)


def invite_agency(meeting: FormulationMeeting, agency: PartnerAgency, **fields: Any) -> Invitation:
    return Invitation.objects.create(meeting=meeting, agency=agency, **fields)


def shared_meeting(world: World, n: int = 1, **fields: Any) -> FormulationMeeting:
    """A meeting of a child of service n whose sharing consent names agency n, which
    is invited: partner-n may reach it."""
    child = world.child(n)
    consent(child, "sharing", agencies=[world.agencies[n]])
    made = meeting(child, chair=world.person("psychologist", n), **fields)
    invite_agency(made, world.agencies[n])
    return made


def action(made: FormulationMeeting, **fields: Any) -> MeetingAction:
    values: dict[str, Any] = {
        "description": "Ask school for the attendance record",
        "owner_name": "Head of year",
        "due_on": timezone.localdate() + timedelta(days=30),
        "recorded_by": made.chair,
    }
    values.update(fields)
    return MeetingAction.objects.create(meeting=made, **values)
