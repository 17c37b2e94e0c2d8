"""The appointments and non-attendance demo: deterministic, idempotent, and with what the
Done-when walk-through needs (a regular slot, past outcomes with missed ones followed up,
a consultation, a warning in force and one waiting for sign-off, outcomes to record)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments import demo as appointments_demo
from ecm.appointments import queries as appointment_queries
from ecm.appointments.models import Appointment, AppointmentSeries, Outcome, Status
from ecm.compliance import demo as compliance_demo
from ecm.compliance import queries
from ecm.compliance.models import (
    Attempt,
    DecisionState,
    EnforcementDecision,
    FollowUp,
    PsychologistConsultation,
)
from ecm.core.access import load_actor
from ecm.demo import data
from ecm.demo.loading import load_service
from ecm.organisations.models import Service


def _snapshot(service: Service) -> list[tuple[object, ...]]:
    appointments = Appointment.objects.filter(child__service=service).order_by(
        "child__local_reference", "starts_at"
    )
    follow_ups = FollowUp.objects.filter(child__service=service).order_by(
        "due_on", "child__local_reference"
    )
    return [
        *appointments.values_list("child__local_reference", "starts_at", "kind", "outcome__status"),
        *follow_ups.values_list("child__local_reference", "due_on", "completed_at"),
        *EnforcementDecision.objects.filter(child__service=service)
        .order_by("decided_at")
        .values_list("child__local_reference", "kind", "state", "effective_on"),
    ]


def _load(service: Service, number: int) -> int:
    return appointments_demo.load_demo(service, number) + compliance_demo.load_demo(service, number)


@pytest.mark.django_db
@pytest.mark.parametrize("demo_service", data.SERVICES, ids=lambda s: s.code)
def test_demo_tells_the_story_and_is_idempotent(demo_service: data.DemoService) -> None:
    load_service(demo_service, before="ecm.appointments")
    service = Service.objects.get(code=demo_service.code)
    number = demo_service.number
    assert _load(service, number) > 50
    first = _snapshot(service)
    assert _load(service, number) == 0

    series = AppointmentSeries.objects.get(child__service=service)
    story = series.child
    assert story.case_manager is not None
    # The children the README names, each in an ECM episode, so the psychologist is
    # consulted before any enforcement decision, and in no formulation story of their own.
    assert story.local_reference == {1: "GL02435", 2: "BR02505"}[number]
    assert queries.in_ecm(story)
    assert not story.formulation_meetings.exists()
    assert not story.formulation_reports.exists()
    slot = appointment_queries.consistency(story).slot
    assert slot is not None
    assert (slot.weekday, slot.time, slot.from_series) == (1, "16:00", True)
    statuses = set(
        Outcome.objects.filter(appointment__child=story).values_list("status", flat=True)
    )
    assert {Status.DID_NOT_ATTEND, Status.NOT_BROUGHT, Status.LATE} <= statuses
    decisions = EnforcementDecision.objects.filter(child=story)
    assert decisions.filter(kind="warning", state=DecisionState.IN_FORCE).count() == 1
    assert decisions.filter(kind="warning", state=DecisionState.AWAITING_SIGN_OFF).count() == 1
    assert decisions.filter(kind="acceptable").count() == 1
    assert all(d.order is not None for d in decisions)
    assert PsychologistConsultation.objects.filter(follow_up__child=story).count() == 3
    assert FollowUp.objects.filter(child__service=service, completed_at__isnull=True).exists()
    [record] = [r for r in queries.statutory_records(story, timezone.localdate()) if r.failures]
    assert len(record.warnings) == 1
    case_manager = load_actor(User.objects.get(username=f"case-manager-{number}"))
    assert appointment_queries.outcomes_to_record(case_manager)
    assert queries.awaiting_sign_off(
        load_actor(User.objects.get(username=f"team-manager-{number}"))
    )

    # Built again from nothing, it is the same.
    Attempt.objects.all().delete()
    PsychologistConsultation.objects.all().delete()
    EnforcementDecision.objects.all().delete()
    FollowUp.objects.all().delete()
    Outcome.objects.all().delete()
    Appointment.objects.all().delete()
    AppointmentSeries.objects.all().delete()
    _load(service, number)
    assert _snapshot(service) == first
