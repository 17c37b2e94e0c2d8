"""Invented appointments for the demo (see ecm.demo).

- The story child (see `story_child`): a child with a current youth rehabilitation
  order, in an ECM episode where there is one (at "Seeking consent" in both services).
  A regular slot every Tuesday at 4pm at the youth centre, from seven weeks ago to ten
  weeks ahead. The past ones have outcomes: mostly attended, one attended late, one
  cancelled by the service, two that the child did not attend and one they were not
  brought to (ecm.compliance.demo follows those up). Last Tuesday's has no outcome yet:
  it is on the case manager's "Outcomes to record".
- The first ten other children with a case manager: a few single appointments over the
  last month and the next, most past ones with an outcome; one missed yesterday (its
  follow-up is due) and, for the demo's own case manager, a home visit two days ago
  without an outcome.

Deterministic and idempotent: a child who already has appointments is left alone. Dates
are relative to the day the demo is loaded, so the regular slot is always current.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments.models import (
    Appointment,
    AppointmentSeries,
    Frequency,
    Kind,
    Mode,
    Outcome,
    Status,
)
from ecm.children.models import Child
from ecm.episodes.models import Episode
from ecm.formulation.models import FormulationReport
from ecm.meetings.models import FormulationMeeting
from ecm.offending.models import Order, OrderType
from ecm.organisations.models import Service

# The stages of an ECM episode (ecm.compliance consults the psychologist in these).
ECM_STAGES = ("consent", "formulation", "active")

PLACE = "Youth centre, Stryd Fawr"
SERIES_PURPOSE = (
    "Keep the regular Tuesday slot: check in about the week, plan the next one together, "
    "and keep building trust."
)
# Outcomes of the story child's past Tuesdays, oldest first (None: not recorded yet).
STORY = (
    (Status.ATTENDED, "Checked in about the week; planned Saturday's football trial.", "Chatty"),
    (Status.DID_NOT_ATTEND, "Not held: the child did not come.", ""),
    (Status.ATTENDED, "Talked through the new college timetable.", "Tired but settled"),
    (Status.LATE, "Shorter session: planned the week and the dentist visit.", "Flat at first"),
    (Status.NOT_BROUGHT, "Not held: the lift the carers arranged did not come.", ""),
    (Status.CANCELLED_BY_SERVICE, "Not held: the worker was off sick; the child was told.", ""),
    (Status.DID_NOT_ATTEND, "Not held: the child did not come.", ""),
    None,
)
SINGLE = (
    (Kind.HOME_VISIT, Mode.IN_PERSON, "Home", "Meet mum at home and agree the plan for the term"),
    (
        Kind.EDUCATION,
        Mode.IN_PERSON,
        "School, learning support base",
        "Review the part-time timetable with school",
    ),
    (Kind.ONE_TO_ONE, Mode.PHONE, "", "Check in by phone before the weekend"),
    (Kind.PANEL, Mode.IN_PERSON, "Council offices, room 3", "Referral order panel review"),
    (Kind.ONE_TO_ONE, Mode.VIDEO, "", "Short video call: check the new routine is working"),
)
ATTENDED_NOTES = (
    "Went through the plan for the week; agreed one small goal.",
    "Talked about school and how mornings are going.",
    "Reviewed what helped last week and what did not.",
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def story_child(service: Service, number: int) -> Child | None:
    """The child whose missed-appointment story the demo tells: one with a current youth
    rehabilitation order, in an ECM episode (so the psychologist is consulted) where there
    is one, not already in a formulation story (no formulation meeting or report: each
    journey of the demo follows a different child), of the demo's own case manager and
    preferring Welsh where possible; otherwise a child in an ECM episode."""
    today = timezone.localdate()
    in_ecm = set(
        Episode.objects.filter(child__service=service, stage__in=ECM_STAGES).values_list(
            "child_id", flat=True
        )
    )
    in_formulation = set(
        FormulationMeeting.objects.filter(child__service=service).values_list("child_id", flat=True)
    ) | set(
        FormulationReport.objects.filter(child__service=service).values_list("child_id", flat=True)
    )
    with_order = Order.objects.filter(
        child__service=service,
        order_type=OrderType.YOUTH_REHABILITATION_ORDER,
        start_date__lte=today,
        end_date__isnull=True,
    ).values("child_id")
    children = (
        Child.objects.filter(service=service, case_manager__isnull=False)
        .select_related("case_manager")
        .order_by("local_reference")
    )
    candidates = list(children.filter(pk__in=with_order)) or list(children.filter(pk__in=in_ecm))
    own = f"case-manager-{number}"
    candidates.sort(
        key=lambda c: (
            c.pk not in in_ecm,
            c.pk in in_formulation,
            c.case_manager.username != own,  # type: ignore[union-attr]
            c.language_preference != "cy",
        )
    )
    return candidates[0] if candidates else None


def _story(child: Child, officer: User) -> int:
    today = timezone.localdate()
    last_tuesday = today - timedelta(days=(today.weekday() - 1) % 7 or 7)
    first = last_tuesday - timedelta(weeks=len(STORY) - 1)
    series = AppointmentSeries.objects.create(
        child=child,
        frequency=Frequency.WEEKLY,
        first_starts_at=_at(first, 16),
        until=last_tuesday + timedelta(weeks=10),
        created_by=officer,
    )
    appointments = Appointment.objects.bulk_create(
        [
            Appointment(
                child=child,
                series=series,
                starts_at=_at(first + timedelta(weeks=week), 16),
                duration_minutes=60,
                kind=Kind.ONE_TO_ONE,
                mode=Mode.IN_PERSON,
                place=PLACE,
                attendees="Key worker; the child's mentor joins monthly",
                purpose=SERIES_PURPOSE,
                created_by=officer,
            )
            for week in range(len(STORY) + 10)
        ]
    )
    outcomes = [
        Outcome(
            appointment=appointment,
            status=status,
            against_purpose=what,
            how_the_child_was=how,
            next_steps="Same time next week",
            recorded_by=officer,
            recorded_at=appointment.starts_at + timedelta(hours=2),
        )
        for appointment, story in zip(appointments, STORY, strict=False)
        if story is not None
        for status, what, how in [story]
    ]
    Outcome.objects.bulk_create(outcomes)
    return 1 + len(appointments) + len(outcomes)


def _singles(
    rng: random.Random, child: Child, officer: User, *, missed_yesterday: bool, unrecorded: bool
) -> int:
    today = timezone.localdate()
    created = 0
    for days in sorted(rng.sample(range(-28, 28), 3)):
        kind, mode, place, purpose = rng.choice(SINGLE)
        appointment = Appointment.objects.create(
            child=child,
            starts_at=_at(today + timedelta(days=days), rng.choice([10, 11, 14, 15])),
            duration_minutes=rng.choice([30, 45, 60]),
            kind=kind,
            mode=mode,
            place=place,
            purpose=purpose,
            created_by=officer,
        )
        created += 1
        if days < -2 and rng.random() < 0.8:
            status = rng.choice([Status.ATTENDED] * 4 + [Status.LATE, Status.CANCELLED_BY_CHILD])
            Outcome.objects.create(
                appointment=appointment,
                status=status,
                against_purpose=rng.choice(ATTENDED_NOTES)
                if status != Status.CANCELLED_BY_CHILD
                else "Not held: the child rang to say they were unwell.",
                recorded_by=officer,
                recorded_at=appointment.starts_at + timedelta(hours=3),
            )
            created += 1
    if unrecorded:
        Appointment.objects.create(
            child=child,
            starts_at=_at(today - timedelta(days=2), 11),
            kind=Kind.HOME_VISIT,
            mode=Mode.IN_PERSON,
            place="Home",
            purpose="Meet the family at home and agree the plan for the next month",
            created_by=officer,
        )
        created += 1
    if missed_yesterday:
        appointment = Appointment.objects.create(
            child=child,
            starts_at=_at(today - timedelta(days=1), 15),
            kind=Kind.SUPERVISION,
            mode=Mode.IN_PERSON,
            place=PLACE,
            purpose="Supervision: review the plan and the next steps of the order",
            created_by=officer,
        )
        Outcome.objects.create(
            appointment=appointment,
            status=Status.DID_NOT_ATTEND,
            against_purpose="Not held: the child did not come and did not answer the phone.",
            recorded_by=officer,
            recorded_at=appointment.starts_at + timedelta(hours=2),
        )
        created += 2
    return created


def load_demo(service: Service, number: int) -> int:
    done = set(
        Appointment.objects.filter(child__service=service).values_list("child_id", flat=True)
    )
    created = 0
    series = AppointmentSeries.objects.filter(child__service=service).select_related("child")
    story = series[0].child if series else story_child(service, number)
    if story is not None and story.pk not in done:
        assert story.case_manager is not None
        created += _story(story, story.case_manager)
    others = (
        Child.objects.filter(service=service, case_manager__isnull=False)
        .select_related("case_manager")
        .exclude(pk__in=[story.pk] if story is not None else [])
        .order_by("local_reference")[:10]
    )
    own = [c.pk for c in others if c.case_manager.username == f"case-manager-{number}"]  # type: ignore[union-attr]
    for index, child in enumerate(others):
        if child.pk in done:
            continue
        assert child.case_manager is not None
        rng = random.Random(f"ecm-demo-appointments-{number}-{child.local_reference}")
        created += _singles(
            rng,
            child,
            child.case_manager,
            missed_yesterday=index == 0,
            unrecorded=bool(own) and child.pk == own[0],
        )
    return created
