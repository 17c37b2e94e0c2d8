"""Appointments, outcomes and the non-attendance pathway, made directly for tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments.models import Appointment, Outcome, Status
from ecm.children.models import Child
from ecm.compliance.bank_holidays import add_working_days
from ecm.compliance.models import DecisionState, EnforcementDecision, FollowUp


def at(days: int, hour: int = 16, minute: int = 0) -> datetime:
    """An aware local time `days` from today (negative: in the past)."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def appointment(child: Child, *, starts_at: datetime | None = None, **fields: Any) -> Appointment:
    values: dict[str, Any] = {
        "starts_at": starts_at or at(-7),
        "duration_minutes": 60,
        "kind": "one_to_one",
        "mode": "in_person",
        "place": "Youth centre, Stryd Fawr",
        "purpose": "Keep the regular slot and plan the week",
        "created_by": child.case_manager,
    }
    values.update(fields)
    return Appointment.objects.create(child=child, **values)


def outcome(item: Appointment, status: str = Status.ATTENDED, **fields: Any) -> Outcome:
    values: dict[str, Any] = {
        "against_purpose": "Planned the week together",
        "recorded_by": item.created_by,
    }
    values.update(fields)
    return Outcome.objects.create(appointment=item, status=status, **values)


def missed(child: Child, *, days: int = -7, status: str = Status.DID_NOT_ATTEND) -> FollowUp:
    """A missed appointment with its outcome and an open follow-up."""
    item = appointment(child, starts_at=at(days))
    outcome(item, status, against_purpose="Not held: the child did not come")
    assert child.case_manager is not None
    return FollowUp.objects.create(
        appointment=item,
        child=child,
        due_on=add_working_days(item.starts_at.date(), 1),
        assigned_to=child.case_manager,
    )


def decision(
    follow_up: FollowUp,
    *,
    kind: str = "warning",
    state: str = DecisionState.IN_FORCE,
    by: User | None = None,
    **fields: Any,
) -> EnforcementDecision:
    values: dict[str, Any] = {
        "public_protection": "Low risk to others at present",
        "vulnerability": "Recently moved home; sleeping badly",
        "ability_to_engage": "Comes when reminded the day before",
        "decided_by": by or follow_up.assigned_to,
        "decided_at": timezone.now(),
        "effective_on": timezone.localdate() if state == DecisionState.IN_FORCE else None,
    }
    values.update(fields)
    return EnforcementDecision.objects.create(
        follow_up=follow_up, child=follow_up.child, kind=kind, state=state, **values
    )
