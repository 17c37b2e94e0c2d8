"""Raising, escalating, referring and closing safeguarding concerns: permission checked,
one transaction, audited. Each change of state happens once: a second attempt (someone
else got there first, or the form was sent twice) changes nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import Membership, PartnerAgency, Role
from ecm.reminders.services import remind
from ecm.safeguarding.models import AtRisk, CloseReason, Concern, ConcernStatus, Referral
from ecm.transitions.queries import in_voluntary_engagement

CONCERN_FIELDS = (
    "what",
    "happened_on",
    "happened_at",
    "who_at_risk",
    "at_risk_detail",
    "immediate_action",
)


class AlreadyChanged(Exception):
    """Someone else changed the concern first; `current` is how it is now."""

    def __init__(self, current: Concern) -> None:
        super().__init__("already changed")
        self.current = current


def _reload(concern: Concern) -> Concern:
    current = Concern.objects.select_related(
        "raised_by", "escalated_by", "responded_by", "closed_by"
    ).get(pk=concern.pk)
    current.child = concern.child
    return current


def raise_concern(
    *, actor: Actor, child: Child, data: dict[str, Any], submission: uuid.UUID | None = None
) -> Concern:
    """Records a concern, in any phase of the work. A repeated submission returns the
    concern already raised."""
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    values = {name: data[name] for name in CONCERN_FIELDS}
    if not values["who_at_risk"] or any(c not in AtRisk.values for c in values["who_at_risk"]):
        raise ValidationError("who is at risk is not given")
    happened_on: date = values["happened_on"]
    if happened_on < child.date_of_birth or happened_on > timezone.localdate():
        raise ValidationError("concern dated outside the child's life")
    if submission is not None:
        existing = Concern.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            concern = Concern.objects.create(
                child=child,
                raised_by=actor.user,
                during_voluntary=in_voluntary_engagement(child),
                submission=submission,
                **values,
            )
            record_event(
                actor=actor,
                verb=Verb.RAISE_CONCERN,
                child=child,
                object_type="concern",
                object_id=concern.pk,
                detail={"who_at_risk": concern.who_at_risk},
            )
    except IntegrityError:
        if submission is None:
            raise
        return Concern.objects.get(submission=submission, child=child)
    return concern


def managers_to_tell(child: Child) -> list[User]:
    """The team managers of the child's team or, when it has none, of the child's service."""
    managers = Membership.objects.filter(
        service_id=child.service_id,
        role=Role.TEAM_MANAGER,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    of_team = [m.user for m in managers if child.team_id and m.team_id == child.team_id]
    people = of_team or [m.user for m in managers]
    return sorted({u.pk: u for u in people}.values(), key=lambda u: u.pk)


def escalate(*, actor: Actor, concern: Concern, due_at: datetime, note: str) -> Concern:
    """Escalates an open concern to the team managers, who must respond by `due_at`;
    each of them is reminded on their home page and by e-mail."""
    child = concern.child
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    if due_at <= timezone.now():
        raise ValidationError("the response is due in the past")
    with transaction.atomic():
        updated = Concern.objects.filter(pk=concern.pk, status=ConcernStatus.OPEN).update(
            status=ConcernStatus.ESCALATED,
            escalated_by=actor.user,
            escalated_at=timezone.now(),
            response_due_at=due_at,
            escalation_note=note.strip(),
        )
        if updated:
            link = reverse("safeguarding:detail", args=[child.pk, concern.pk])
            managers = managers_to_tell(child)
            for manager in managers:
                with translation.override(manager.language):
                    subject = _("A safeguarding concern has been escalated to you")
                remind(user=manager, subject=str(subject), link=link)
            record_event(
                actor=actor,
                verb=Verb.ESCALATE_CONCERN,
                child=child,
                object_type="concern",
                object_id=concern.pk,
                detail={"due_at": due_at.isoformat(), "told": [m.pk for m in managers]},
            )
    current = _reload(concern)
    if not updated:
        raise AlreadyChanged(current)
    return current


def respond(*, actor: Actor, concern: Concern, response: str) -> Concern:
    """A team or senior manager's response to an escalated concern."""
    child = concern.child
    if not access.can_oversee_caseloads_in(actor, child.service_id):
        raise PermissionDenied
    if not response.strip():
        raise ValidationError("empty response")
    with transaction.atomic():
        updated = Concern.objects.filter(
            pk=concern.pk, status=ConcernStatus.ESCALATED, responded_at__isnull=True
        ).update(response=response.strip(), responded_by=actor.user, responded_at=timezone.now())
        if updated:
            record_event(
                actor=actor,
                verb=Verb.RESPOND_TO_CONCERN,
                child=child,
                object_type="concern",
                object_id=concern.pk,
            )
    current = _reload(concern)
    if not updated:
        raise AlreadyChanged(current)
    return current


def record_referral(
    *,
    actor: Actor,
    concern: Concern,
    agency: PartnerAgency | None,
    agency_name: str,
    made_on: date,
    details: str,
    submission: uuid.UUID | None = None,
) -> Referral:
    child = concern.child
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    if agency is not None and agency.service_id != child.service_id:
        raise ValidationError("agency of another service")
    if agency is None and not agency_name.strip():
        raise ValidationError("no agency named")
    if made_on > timezone.localdate():
        raise ValidationError("referral dated in the future")
    if submission is not None:
        existing = Referral.objects.filter(submission=submission, concern=concern).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                concern=concern,
                agency=agency,
                agency_name="" if agency else agency_name.strip(),
                made_on=made_on,
                details=details.strip(),
                recorded_by=actor.user,
                submission=submission,
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_CONCERN_REFERRAL,
                child=child,
                object_type="concern_referral",
                object_id=referral.pk,
                detail={"concern": concern.pk, "agency": agency.pk if agency else None},
            )
    except IntegrityError:
        if submission is None:
            raise
        return Referral.objects.get(submission=submission, concern=concern)
    return referral


class OutcomeAlreadyRecorded(Exception):
    def __init__(self, current: Referral) -> None:
        super().__init__("outcome already recorded")
        self.current = current


def record_referral_outcome(
    *, actor: Actor, referral: Referral, outcome: str, outcome_on: date
) -> Referral:
    child = referral.concern.child
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    if not outcome.strip() or outcome_on < referral.made_on or outcome_on > timezone.localdate():
        raise ValidationError("outcome missing or dated out of range")
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, outcome_on__isnull=True).update(
            outcome=outcome.strip(), outcome_on=outcome_on, outcome_recorded_by=actor.user
        )
        if updated:
            record_event(
                actor=actor,
                verb=Verb.UPDATE_CONCERN_REFERRAL,
                child=child,
                object_type="concern_referral",
                object_id=referral.pk,
            )
    current = Referral.objects.select_related("agency").get(pk=referral.pk)
    current.concern = referral.concern
    if not updated:
        raise OutcomeAlreadyRecorded(current)
    return current


def close(*, actor: Actor, concern: Concern, reason: str, note: str) -> Concern:
    child = concern.child
    if not access.can_close_concerns_in(actor, child.service_id):
        raise PermissionDenied
    if reason not in CloseReason.values or (reason == CloseReason.OTHER and not note.strip()):
        raise ValidationError("a reason is needed to close a concern")
    with transaction.atomic():
        updated = (
            Concern.objects.filter(pk=concern.pk)
            .exclude(status=ConcernStatus.CLOSED)
            .update(
                status=ConcernStatus.CLOSED,
                close_reason=reason,
                close_note=note.strip(),
                closed_by=actor.user,
                closed_at=timezone.now(),
            )
        )
        if updated:
            record_event(
                actor=actor,
                verb=Verb.CLOSE_CONCERN,
                child=child,
                object_type="concern",
                object_id=concern.pk,
                detail={"reason": reason},
            )
    current = _reload(concern)
    if not updated:
        raise AlreadyChanged(current)
    return current
