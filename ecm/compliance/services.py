"""The non-attendance pathway's writes: permission checked, one transaction, audited.

A missed appointment opens a follow-up (due within one working day). For a child in
an active ECM episode the psychologist is consulted before any enforcement decision.
The decision needs the balance written down; warnings and breach proceedings wait for
a team manager's sign-off where the service asks for it. In voluntary engagement there
is no enforcement: the follow-up is a welfare check.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.appointments.models import Appointment
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.compliance import queries
from ecm.compliance.bank_holidays import add_working_days
from ecm.compliance.models import (
    NEEDS_SIGN_OFF,
    Attempt,
    DecisionState,
    EnforcementDecision,
    FollowUp,
    PsychologistConsultation,
)
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import Membership, Role
from ecm.reminders.services import remind
from ecm.transitions.queries import in_voluntary_engagement

ATTEMPT_FIELDS = ("at", "contacted", "method", "result", "note")
CONSULTATION_FIELDS = (
    "psychologist",
    "consulted_on",
    "formulation_says",
    "changes",
    "change_detail",
    "advice",
)
DECISION_FIELDS = ("kind", "public_protection", "vulnerability", "ability_to_engage")


class PathwayRefused(Exception):
    """A rule of the pathway refuses the action; `field` is where the form shows it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class AlreadyDone(Exception):
    """Someone already completed the follow-up or signed off the decision."""


def _check_editor(actor: Actor, service_id: int) -> None:
    if not access.can_edit_children_in(actor, service_id):
        raise PermissionDenied


def _follow_up_link(follow_up: FollowUp) -> str:
    return reverse("compliance:follow-up", args=[follow_up.child_id, follow_up.pk])


def open_follow_up(*, actor: Actor, appointment: Appointment) -> FollowUp:
    """Called when a missed appointment's outcome is recorded, inside that transaction.
    Assigned to the child's case manager (or whoever recorded the outcome)."""
    child = appointment.child
    missed_on = timezone.localtime(appointment.starts_at).date()
    follow_up = FollowUp.objects.create(
        appointment=appointment,
        child=child,
        due_on=add_working_days(missed_on, 1),
        assigned_to=child.case_manager or actor.user,
        voluntary=in_voluntary_engagement(child),
    )
    record_event(
        actor=actor,
        verb=Verb.OPEN_FOLLOW_UP,
        child=child,
        object_type="follow_up",
        object_id=follow_up.pk,
        detail={"due_on": follow_up.due_on.isoformat(), "voluntary": follow_up.voluntary},
    )
    remind(
        user=follow_up.assigned_to,
        subject="A missed appointment needs a follow-up within one working day",
        link=_follow_up_link(follow_up),
        key=f"follow-up:{follow_up.pk}",
    )
    return follow_up


def record_attempt(
    *,
    actor: Actor,
    follow_up: FollowUp,
    data: dict[str, Any],
    submission: uuid.UUID | None = None,
) -> Attempt:
    _check_editor(actor, follow_up.child.service_id)
    if submission is not None:
        existing = Attempt.objects.filter(submission=submission, follow_up=follow_up).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                follow_up=follow_up,
                recorded_by=actor.user,
                submission=submission,
                **{k: v for k, v in data.items() if k in ATTEMPT_FIELDS},
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_FOLLOW_UP_ATTEMPT,
                child=follow_up.child,
                object_type="follow_up",
                object_id=follow_up.pk,
                detail={"method": attempt.method, "result": attempt.result},
            )
    except IntegrityError:
        if submission is None:
            raise
        return Attempt.objects.get(submission=submission, follow_up=follow_up)
    return attempt


def complete_follow_up(
    *, actor: Actor, follow_up: FollowUp, reason_given: str, welfare_concerns: str
) -> None:
    """Records the reason given and any welfare concerns, once: a follow-up completed
    by someone else meanwhile raises AlreadyDone."""
    _check_editor(actor, follow_up.child.service_id)
    with transaction.atomic():
        done = FollowUp.objects.filter(pk=follow_up.pk, completed_at__isnull=True).update(
            reason_given=reason_given,
            welfare_concerns=welfare_concerns,
            completed_at=timezone.now(),
            completed_by=actor.user,
        )
        if not done:
            raise AlreadyDone
        record_event(
            actor=actor,
            verb=Verb.COMPLETE_FOLLOW_UP,
            child=follow_up.child,
            object_type="follow_up",
            object_id=follow_up.pk,
            detail={"welfare_concerns": bool(welfare_concerns.strip())},
        )


def record_consultation(
    *,
    actor: Actor,
    follow_up: FollowUp,
    data: dict[str, Any],
    submission: uuid.UUID | None = None,
) -> PsychologistConsultation:
    """The case manager, a team manager or the psychologist records the consultation."""
    child = follow_up.child
    if not access.can_contribute_to_formulation_in(actor, child.service_id):
        raise PermissionDenied
    if submission is not None:
        existing = PsychologistConsultation.objects.filter(
            submission=submission, follow_up=follow_up
        ).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            consultation = PsychologistConsultation.objects.create(
                follow_up=follow_up,
                recorded_by=actor.user,
                submission=submission,
                **{k: v for k, v in data.items() if k in CONSULTATION_FIELDS},
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_CONSULTATION,
                child=child,
                object_type="follow_up",
                object_id=follow_up.pk,
                detail={"changes": list(consultation.changes)},
            )
    except IntegrityError:
        if submission is None:
            raise
        return PsychologistConsultation.objects.get(submission=submission, follow_up=follow_up)
    return consultation


def decision_refusal(follow_up: FollowUp) -> PathwayRefused | None:
    """Why no enforcement decision may be recorded now, if a rule says so."""
    child = follow_up.child
    # Voluntary engagement (ecm.transitions) stops enforcement and compliance counting.
    if follow_up.voluntary or in_voluntary_engagement(child):
        return PathwayRefused(
            "kind",
            _(
                "There is no enforcement during voluntary engagement. Record the follow-up "
                "as a welfare check instead."
            ),
        )
    if queries.in_ecm(child) and not follow_up.consultations.exists():
        return PathwayRefused(
            "kind",
            _(
                "The child is in Enhanced Case Management: record the consultation with the "
                "psychologist before the enforcement decision"
            ),
        )
    return None


def _sign_off_managers(follow_up: FollowUp) -> list[Any]:
    memberships = Membership.objects.filter(
        service_id=follow_up.child.service_id, role=Role.TEAM_MANAGER, is_active=True
    ).select_related("user")
    team_id = follow_up.child.team_id
    own_team = [m.user for m in memberships if team_id is not None and m.team_id == team_id]
    return own_team or [m.user for m in memberships]


def record_decision(
    *,
    actor: Actor,
    follow_up: FollowUp,
    data: dict[str, Any],
    submission: uuid.UUID | None = None,
) -> EnforcementDecision:
    """Records the decision against the statutory order current on the day of the missed
    appointment. Raises PathwayRefused when a rule of the pathway refuses it."""
    child = follow_up.child
    _check_editor(actor, child.service_id)
    if submission is not None:
        existing = EnforcementDecision.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    refusal = decision_refusal(follow_up)
    if refusal is not None:
        raise refusal
    values = {k: v for k, v in data.items() if k in DECISION_FIELDS}
    waits = values["kind"] in NEEDS_SIGN_OFF and child.service.enforcement_needs_sign_off
    missed_on = timezone.localtime(follow_up.appointment.starts_at).date()
    try:
        with transaction.atomic():
            decision = EnforcementDecision.objects.create(
                follow_up=follow_up,
                child=child,
                order=queries.order_on(child, missed_on),
                decided_by=actor.user,
                decided_at=timezone.now(),
                state=DecisionState.AWAITING_SIGN_OFF if waits else DecisionState.IN_FORCE,
                effective_on=None if waits else timezone.localdate(),
                submission=submission,
                **values,
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_ENFORCEMENT_DECISION,
                child=child,
                object_type="enforcement_decision",
                object_id=decision.pk,
                detail={"kind": decision.kind, "state": decision.state},
            )
            if waits:
                for manager in _sign_off_managers(follow_up):
                    remind(
                        user=manager,
                        subject="An enforcement decision is waiting for your sign-off",
                        link=_follow_up_link(follow_up),
                        key=f"sign-off:{decision.pk}",
                    )
    except IntegrityError as error:
        if submission is not None and (
            existing := EnforcementDecision.objects.filter(submission=submission).first()
        ):
            return existing
        raise PathwayRefused(
            "kind", _("A decision is already recorded for this missed appointment")
        ) from error
    return decision


def sign_off(
    *, actor: Actor, decision: EnforcementDecision, agree: bool, note: str, expected_version: int
) -> EnforcementDecision:
    """A team manager agrees (the decision takes effect today) or does not agree (it stays
    on record, and a new decision can be made). Never one's own decision."""
    child = decision.child
    if not access.can_sign_off_enforcement_in(actor, child.service_id):
        raise PermissionDenied
    if decision.decided_by_id == actor.id:
        raise PathwayRefused(
            "agree", _("You made this decision: another team manager needs to sign it off")
        )
    today = timezone.localdate()
    with transaction.atomic():
        done = EnforcementDecision.objects.filter(
            pk=decision.pk, state=DecisionState.AWAITING_SIGN_OFF, version=expected_version
        ).update(
            state=DecisionState.IN_FORCE if agree else DecisionState.NOT_AGREED,
            effective_on=today if agree else None,
            signed_off_by=actor.user,
            signed_off_at=timezone.now(),
            sign_off_note=note,
            version=F("version") + 1,
        )
        if not done:
            raise AlreadyDone
        record_event(
            actor=actor,
            verb=Verb.SIGN_OFF_ENFORCEMENT,
            child=child,
            object_type="enforcement_decision",
            object_id=decision.pk,
            detail={"agreed": agree, "kind": decision.kind},
        )
        remind(
            user=decision.decided_by,
            subject="A team manager has signed off your enforcement decision",
            link=reverse("compliance:follow-up", args=[child.pk, decision.follow_up_id]),
        )
    return EnforcementDecision.objects.select_related("child__service").get(pk=decision.pk)
