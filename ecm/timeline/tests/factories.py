"""Small helpers for the timeline tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.tests.factories import consent
from ecm.meetings.models import FormulationMeeting, Invitation
from ecm.organisations.models import PartnerAgency
from ecm.timeline.models import EventCategory, TimelineEvent


def category(code: str = "bereavement") -> EventCategory:
    return EventCategory.objects.get(code=code)


def event(child: Child, **fields: Any) -> TimelineEvent:
    values: dict[str, Any] = {
        "title": "Grandfather died",
        "category": category(fields.pop("code", "bereavement")),
        "valence": "adverse",
        "precision": "year",
        "starts_on": date(2019, 1, 1),
        "ends_on": date(2019, 12, 31),
        "source_kind": "family",
        "certainty": "confirmed",
        "contributed_by": child.case_manager,
    }
    values.update(fields)
    return TimelineEvent.objects.create(child=child, **values)


def invite(child: Child, agency: PartnerAgency, chair: User, **fields: Any) -> Invitation:
    """A meeting of the child, scheduled, with the agency invited."""
    meeting = FormulationMeeting.objects.create(
        child=child,
        starts_at=timezone.now() + timedelta(days=14),
        place="Canolfan Teifi",
        chair=chair,
        scheduled_by=chair,
        **fields,
    )
    return Invitation.objects.create(meeting=meeting, agency=agency)


def share_and_invite(child: Child, agency: PartnerAgency, chair: User) -> None:
    """Both conditions for a partner agency worker: sharing consent and an invitation."""
    consent(child, "sharing", agencies=[agency])
    invite(child, agency, chair)
