"""The non-attendance pathway in the demo (see ecm.demo and ecm.appointments.demo).

Every missed appointment of the demo gets its follow-up: older ones are complete, with
attempts to reach the child and family; yesterday's is still open (due within one working
day). For the story child, in an ECM episode (at "Seeking consent") with a youth
rehabilitation order, the psychologist is consulted about each missed Tuesday:
- the first time the child did not come: a warning, signed off by the team manager
  (its letter prints in the child's language);
- the time they were not brought: an acceptable absence;
- the latest time they did not come: a warning waiting for the team manager's sign-off
  (once signed off, the record shows that a further failure would require breach
  proceedings by law).

Deterministic and idempotent: a missed appointment that has a follow-up is left alone.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments.models import MISSED, Appointment, Status
from ecm.compliance.bank_holidays import add_working_days
from ecm.compliance.models import (
    Attempt,
    DecisionKind,
    DecisionState,
    EnforcementDecision,
    FollowUp,
    PsychologistConsultation,
)
from ecm.compliance.queries import order_on
from ecm.formulation.models import FormulationReport, ReportStatus
from ecm.organisations.models import Service

BALANCE = {
    "public_protection": "No new offences since the order began; nothing suggests a risk "
    "to others from this absence.",
    "vulnerability": "Moved between carers twice this autumn; sleeping badly; a recent "
    "bereavement in the family.",
    "ability_to_engage": "Comes reliably when reminded the evening before and when the "
    "session is straight after school.",
}
FORMULATION = (
    "The formulation links missed sessions to nights away from home and to times when "
    "adults have let the child down. Enforcement alone is likely to confirm that adults give "
    "up on them; predictability and one trusted worker help."
)
# For a child whose formulation has not happened yet (the story child is still at
# "Seeking consent"), the psychologist says what the team knows so far.
NO_FORMULATION_YET = (
    "No formulation yet: ECM is still seeking consent. From what the team knows, missed "
    "sessions follow nights away from home and times when adults have let the child down. "
    "Enforcement alone is likely to confirm that adults give up on them; predictability "
    "and one trusted worker help."
)


def _follow_up(appointment: Appointment, manager: User) -> tuple[FollowUp, int]:
    child = appointment.child
    case_manager = child.case_manager or appointment.created_by
    missed_at = appointment.starts_at
    missed_on = timezone.localtime(missed_at).date()
    recent = missed_on >= timezone.localdate() - timedelta(days=1)
    follow_up = FollowUp.objects.create(
        appointment=appointment,
        child=child,
        due_on=add_working_days(missed_on, 1),
        assigned_to=case_manager,
    )
    Attempt.objects.create(
        follow_up=follow_up,
        at=missed_at + timedelta(hours=2),
        contacted="child",
        method="phone",
        result="no_answer",
        note="Rang twice; sent a text to say we missed them.",
        recorded_by=case_manager,
    )
    created = 2
    if recent:
        return follow_up, created
    Attempt.objects.create(
        follow_up=follow_up,
        at=missed_at + timedelta(hours=20),
        contacted="parent_or_carer",
        method="visit",
        result="spoke",
        note="Spoke with the carer at home; the child was there and safe.",
        recorded_by=case_manager,
    )
    FollowUp.objects.filter(pk=follow_up.pk).update(
        reason_given=(
            "The lift did not come and nobody told the child."
            if appointment.outcome.status == Status.NOT_BROUGHT
            else "Stayed at a friend's house and did not get back in time."
        ),
        completed_at=missed_at + timedelta(hours=21),
        completed_by=case_manager,
    )
    return follow_up, created + 1


def _consult_and_decide(
    follow_up: FollowUp, kind: str, psychologist: User, manager: User, sign_off: bool
) -> int:
    appointment = follow_up.appointment
    case_manager = follow_up.assigned_to
    missed_at = appointment.starts_at
    PsychologistConsultation.objects.create(
        follow_up=follow_up,
        psychologist=psychologist,
        consulted_on=timezone.localtime(missed_at + timedelta(days=1)).date(),
        formulation_says=FORMULATION
        if FormulationReport.objects.filter(
            child=follow_up.child, status=ReportStatus.APPROVED
        ).exists()
        else NO_FORMULATION_YET,
        changes=["time", "support"] if kind == DecisionKind.WARNING else ["support"],
        change_detail="A text reminder the evening before; the session moves to straight "
        "after school.",
        advice="If a warning is needed, give it with the changes in place and explain them "
        "to the child face to face.",
        recorded_by=case_manager,
    )
    in_force = kind != DecisionKind.WARNING or sign_off
    decided_at = missed_at + timedelta(days=2)
    EnforcementDecision.objects.create(
        follow_up=follow_up,
        child=follow_up.child,
        order=order_on(follow_up.child, timezone.localtime(missed_at).date()),
        kind=kind,
        decided_by=case_manager,
        decided_at=decided_at,
        state=DecisionState.IN_FORCE if in_force else DecisionState.AWAITING_SIGN_OFF,
        effective_on=timezone.localtime(decided_at + timedelta(days=1)).date()
        if in_force
        else None,
        signed_off_by=manager if kind == DecisionKind.WARNING and sign_off else None,
        signed_off_at=decided_at + timedelta(days=1)
        if kind == DecisionKind.WARNING and sign_off
        else None,
        **BALANCE,
    )
    return 2


def load_demo(service: Service, number: int) -> int:
    manager = User.objects.get(username=f"team-manager-{number}")
    psychologist = User.objects.get(username=f"psychologist-{number}")
    missed = (
        Appointment.objects.filter(
            child__service=service, outcome__status__in=MISSED, follow_up__isnull=True
        )
        .select_related("child__case_manager", "outcome", "created_by")
        .order_by("starts_at", "pk")
    )
    created = 0
    warned = 0
    for appointment in missed:
        follow_up, count = _follow_up(appointment, manager)
        created += count
        if appointment.series_id is None:
            continue
        if appointment.outcome.status == Status.NOT_BROUGHT:
            created += _consult_and_decide(
                follow_up, DecisionKind.ACCEPTABLE, psychologist, manager, sign_off=False
            )
        else:
            created += _consult_and_decide(
                follow_up, DecisionKind.WARNING, psychologist, manager, sign_off=warned == 0
            )
            warned += 1
    return created
