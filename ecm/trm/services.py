"""Recording a child's tier and correcting the wording of a tier: permission checked,
one transaction, audited."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.meetings.models import FormulationMeeting
from ecm.trm.models import Tier, TierAssessment, TierRevision


class AlreadyAgreed(Exception):
    """The meeting's tier is recorded already."""


class TierConflict(Exception):
    """Someone else changed the tier's wording after this edit began."""

    def __init__(self, current: Tier) -> None:
        super().__init__("edit conflict")
        self.current = current


def record_tier(
    *,
    actor: Actor,
    child: Child,
    tier: Tier,
    assessed_on: date,
    evidence: str,
    meeting: FormulationMeeting | None = None,
    submission: uuid.UUID | None = None,
) -> TierAssessment:
    """A new dated assessment; earlier ones stay as the child's history. At a meeting,
    the tier agreed (once per meeting), recorded by the chair, the child's case
    manager or a team manager."""
    if meeting is not None:
        allowed = access.can_record_meeting(
            actor,
            service_id=child.service_id,
            chair_id=meeting.chair_id,
            case_manager_id=child.case_manager_id,
        )
    else:
        allowed = access.can_assess_tier_in(actor, child.service_id)
    if not allowed or (meeting is not None and meeting.child_id != child.pk):
        raise PermissionDenied
    if submission is not None:
        done = TierAssessment.objects.filter(submission=submission, child=child).first()
        if done is not None:
            return done
    try:
        with transaction.atomic():
            assessment = TierAssessment.objects.create(
                child=child,
                tier=tier,
                assessed_on=assessed_on,
                assessed_by=actor.user,
                evidence=evidence,
                meeting=meeting,
                submission=submission,
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_TIER,
                child=child,
                object_type="tier_assessment",
                object_id=assessment.pk,
                detail={"tier": tier.number, "meeting": meeting.pk if meeting else None},
            )
    except IntegrityError as error:
        if meeting is not None and TierAssessment.objects.filter(meeting=meeting).exists():
            raise AlreadyAgreed from error
        raise
    return assessment


def update_wording(
    *, actor: Actor, tier: Tier, wording: dict[str, str], expected_version: int
) -> Tier:
    """Saves the new wording only if nobody else saved it since `expected_version`;
    the wording before is kept as a revision."""
    if not actor.has_any(access.SERVICE_ADMINISTRATORS):
        raise PermissionDenied
    with transaction.atomic():
        current = Tier.objects.select_for_update().get(pk=tier.pk)
        if current.version != expected_version:
            raise TierConflict(current)
        TierRevision.objects.create(tier=current, changed_by=actor.user, before=current.wording())
        Tier.objects.filter(pk=tier.pk).update(**wording, version=F("version") + 1)
        record_event(
            actor=actor,
            verb=Verb.UPDATE_TIER_WORDING,
            object_type="tier",
            object_id=tier.number,
            detail={
                "fields": sorted(k for k, v in wording.items() if current.wording()[k] != v),
                "version": expected_version + 1,
            },
        )
    return Tier.objects.get(pk=tier.pk)
