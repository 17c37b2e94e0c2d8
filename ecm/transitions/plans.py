"""Transition plans for the move to adult probation: making and changing the plan (with
conflict protection), its steps, and the review after the transfer. Permission checked,
one transaction, audited."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import conflicts
from ecm.core.access import Actor
from ecm.transitions.models import (
    EndReason,
    TransferReview,
    TransitionPlan,
    TransitionStep,
    VoluntaryEngagement,
)
from ecm.transitions.services import Refused, check_editor, create_once, end_engagement

PLAN_FIELDS = (
    "views",
    "worries",
    "probation_agency",
    "practitioner",
    "office",
    "joint_meeting_on",
    "joint_meeting_notes",
    "transfer_on",
    "what_has_helped",
    "shared_summary",
    "plan_and_risks",
    "communication",
)


class EditConflict(conflicts.EditConflict[TransitionPlan]):
    """Someone else saved the plan after this edit began."""


def _check_plan(child: Child, data: dict[str, Any]) -> None:
    agency = data.get("probation_agency")
    if agency is not None and agency.service_id != child.service_id:
        raise ValidationError("agency of another service")
    for name in ("transfer_on", "joint_meeting_on"):
        if data.get(name) and data[name] < child.date_of_birth:
            raise ValidationError(f"{name} before the child's birth")


def record_plan(*, actor: Actor, child: Child, data: dict[str, Any]) -> TransitionPlan:
    """Makes the young person's transition plan (one per young person)."""
    check_editor(actor, child)
    _check_plan(child, data)
    try:
        with transaction.atomic():
            plan = TransitionPlan.objects.create(
                child=child,
                created_by=actor.user,
                **{name: data[name] for name in PLAN_FIELDS},
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_TRANSITION_PLAN,
                child=child,
                object_type="transition_plan",
                object_id=plan.pk,
            )
    except IntegrityError as error:
        raise Refused(_("This young person already has a transition plan")) from error
    return plan


def update_plan(
    *, actor: Actor, plan: TransitionPlan, data: dict[str, Any], expected_version: int
) -> TransitionPlan:
    child = plan.child
    check_editor(actor, child)
    _check_plan(child, data)
    conflicts.save_if_unchanged(
        plan,
        actor=actor,
        child=child,
        changes={name: data[name] for name in PLAN_FIELDS},
        expected_version=expected_version,
        verb=Verb.UPDATE_TRANSITION_PLAN,
        object_type="transition_plan",
        saved=TransitionPlan.objects.select_related("probation_agency"),
        conflict=EditConflict,
    )
    return TransitionPlan.objects.select_related("child", "probation_agency").get(pk=plan.pk)


def add_step(
    *,
    actor: Actor,
    plan: TransitionPlan,
    description: str,
    due_on: date,
    submission: uuid.UUID | None = None,
) -> TransitionStep:
    child = plan.child
    check_editor(actor, child)
    if not description.strip():
        raise ValidationError("empty step")

    def create() -> TransitionStep:
        step = TransitionStep.objects.create(
            plan=plan,
            description=description.strip(),
            due_on=due_on,
            recorded_by=actor.user,
            submission=submission,
        )
        record_event(
            actor=actor,
            verb=Verb.RECORD_TRANSITION_STEP,
            child=child,
            object_type="transition_step",
            object_id=step.pk,
        )
        return step

    return create_once(TransitionStep.objects.filter(plan=plan), submission, create)


def mark_step_done(*, actor: Actor, step: TransitionStep, done_on: date) -> bool:
    """Records that a step was done; False when it already was."""
    child = step.plan.child
    check_editor(actor, child)
    if done_on > timezone.localdate():
        raise ValidationError("done in the future")
    with transaction.atomic():
        updated = TransitionStep.objects.filter(pk=step.pk, done_on__isnull=True).update(
            done_on=done_on
        )
        if updated:
            record_event(
                actor=actor,
                verb=Verb.RECORD_TRANSITION_STEP,
                child=child,
                object_type="transition_step",
                object_id=step.pk,
                detail={"done_on": done_on.isoformat()},
            )
    return bool(updated)


def record_transfer_review(
    *, actor: Actor, plan: TransitionPlan, data: dict[str, Any]
) -> TransferReview:
    """After the handover: how it went. An open voluntary engagement ends on the day of
    the handover."""
    child = plan.child
    check_editor(actor, child)
    transferred_on: date = data["transferred_on"]
    reviewed_on: date = data["reviewed_on"]
    today = timezone.localdate()
    if transferred_on > today or reviewed_on > today or reviewed_on < transferred_on:
        raise ValidationError("review dates out of order")
    try:
        with transaction.atomic():
            review = TransferReview.objects.create(
                plan=plan,
                transferred_on=transferred_on,
                reviewed_on=reviewed_on,
                how_it_went=data["how_it_went"].strip(),
                young_person_view=data["young_person_view"].strip(),
                learning=data["learning"].strip(),
                recorded_by=actor.user,
            )
            open_engagement = VoluntaryEngagement.objects.filter(
                child=child, ended_on__isnull=True, started_on__lte=transferred_on
            ).first()
            if open_engagement is not None:
                open_engagement.child = child
                end_engagement(
                    open_engagement,
                    actor=actor,
                    ended_on=transferred_on,
                    reason=EndReason.ADULT_PROBATION,
                    note="",
                )
            record_event(
                actor=actor,
                verb=Verb.RECORD_TRANSFER_REVIEW,
                child=child,
                object_type="transition_plan",
                object_id=plan.pk,
                detail={"transferred_on": transferred_on.isoformat()},
            )
    except IntegrityError as error:
        raise Refused(_("The review after the transfer has already been recorded")) from error
    return review
