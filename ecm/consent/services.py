"""Changes to the people around a child and to consent: permission checked, one
transaction, audited. Consent records are never deleted or overwritten: a
withdrawal is added to the record."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.consent.models import (
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    RelatedPerson,
    ReminderChannel,
)
from ecm.core import access, conflicts
from ecm.core.access import Actor
from ecm.organisations.models import PartnerAgency

PERSON_FIELDS = (
    "full_name",
    "relationship",
    "relationship_other",
    "has_parental_responsibility",
    "phone",
    "email",
    "address",
    "language",
    "language_other",
    "language_asked_on",
)


class EditConflict(conflicts.EditConflict[RelatedPerson]):
    """Someone else saved the person's details after this edit began."""


class AlreadyWithdrawn(Exception):
    """Someone else recorded the withdrawal first."""

    def __init__(self, current: ConsentRecord) -> None:
        super().__init__("already withdrawn")
        self.current = current


def _check_editor(actor: Actor, child: Child) -> None:
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied


def add_related_person(
    *, actor: Actor, child: Child, data: dict[str, Any], submission: uuid.UUID | None = None
) -> RelatedPerson:
    """Adds a parent, carer or other important person. A repeated submission
    (the same form sent twice) returns the person already added."""
    _check_editor(actor, child)
    if submission is not None:
        existing = RelatedPerson.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    values = {k: v for k, v in data.items() if k in PERSON_FIELDS}
    try:
        with transaction.atomic():
            person = RelatedPerson.objects.create(
                child=child, recorded_by=actor.user, submission=submission, **values
            )
            record_event(
                actor=actor,
                verb=Verb.ADD_RELATED_PERSON,
                child=child,
                object_type="related_person",
                object_id=person.pk,
            )
    except IntegrityError:
        if submission is None:
            raise
        return RelatedPerson.objects.get(submission=submission, child=child)
    return person


def update_related_person(
    *, actor: Actor, person: RelatedPerson, data: dict[str, Any], expected_version: int
) -> RelatedPerson:
    """Saves the changes only if nobody else saved since `expected_version` was read."""
    child = person.child
    _check_editor(actor, child)
    conflicts.save_if_unchanged(
        person,
        actor=actor,
        child=child,
        changes={k: v for k, v in data.items() if k in PERSON_FIELDS},
        expected_version=expected_version,
        verb=Verb.UPDATE_RELATED_PERSON,
        object_type="related_person",
        saved=RelatedPerson.objects.all(),
        conflict=EditConflict,
    )
    return RelatedPerson.objects.select_related("child").get(pk=person.pk)


def _check_consent(
    child: Child,
    *,
    person: RelatedPerson | None,
    purpose: str,
    agencies: list[PartnerAgency],
    reminder_channels: list[str],
    method: str,
    witness_name: str,
    understanding_note: str,
    given_on: date,
    review_on: date | None,
) -> None:
    """The rules the form explains to people, checked again here for any caller."""
    problems = []
    if person is not None and person.child_id != child.pk:
        problems.append("person belongs to another child")
    if purpose not in ConsentPurpose.values or method not in ConsentMethod.values:
        problems.append("unknown purpose or method")
    if purpose == ConsentPurpose.SHARING and not agencies:
        problems.append("sharing names no agency")
    if any(agency.service_id != child.service_id for agency in agencies):
        problems.append("agency of another service")
    if purpose == ConsentPurpose.REMINDERS and not reminder_channels:
        problems.append("reminders name no channel")
    if any(c not in ReminderChannel.values for c in reminder_channels):
        problems.append("unknown reminder channel")
    if method == ConsentMethod.VERBAL_WITH_WITNESS and not witness_name.strip():
        problems.append("verbal consent without a witness")
    if person is None and not understanding_note.strip():
        problems.append("child's consent without an understanding note")
    if given_on > timezone.localdate():
        problems.append("consent dated in the future")
    if review_on is not None and review_on < given_on:
        problems.append("review before consent")
    if problems:
        raise ValidationError("; ".join(problems))


def record_consent(
    *,
    actor: Actor,
    child: Child,
    person: RelatedPerson | None,
    purpose: str,
    method: str,
    language_explained: str,
    given_on: date,
    agencies: Iterable[PartnerAgency] = (),
    reminder_channels: Iterable[str] = (),
    witness_name: str = "",
    understanding_note: str = "",
    review_on: date | None = None,
    submission: uuid.UUID | None = None,
) -> ConsentRecord:
    """Records one person's consent to one purpose (`person` None: the child's own)."""
    _check_editor(actor, child)
    agencies = list(agencies) if purpose == ConsentPurpose.SHARING else []
    channels = sorted(set(reminder_channels)) if purpose == ConsentPurpose.REMINDERS else []
    _check_consent(
        child,
        person=person,
        purpose=purpose,
        agencies=agencies,
        reminder_channels=channels,
        method=method,
        witness_name=witness_name,
        understanding_note=understanding_note,
        given_on=given_on,
        review_on=review_on,
    )
    if submission is not None:
        existing = ConsentRecord.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            consent = ConsentRecord.objects.create(
                child=child,
                person=person,
                purpose=purpose,
                reminder_channels=channels,
                method=method,
                witness_name=witness_name.strip()
                if method == ConsentMethod.VERBAL_WITH_WITNESS
                else "",
                understanding_note=understanding_note.strip(),
                language_explained=language_explained,
                given_on=given_on,
                review_on=review_on,
                recorded_by=actor.user,
                submission=submission,
            )
            consent.agencies.set(agencies)
            record_event(
                actor=actor,
                verb=Verb.RECORD_CONSENT,
                child=child,
                object_type="consent",
                object_id=consent.pk,
                detail={
                    "purpose": purpose,
                    "person": person.pk if person else None,
                    "agencies": sorted(a.pk for a in agencies),
                    "given_on": given_on.isoformat(),
                },
            )
    except IntegrityError:
        if submission is None:
            raise
        return ConsentRecord.objects.get(submission=submission, child=child)
    return consent


def withdraw_consent(
    *, actor: Actor, consent: ConsentRecord, withdrawn_on: date, note: str = ""
) -> ConsentRecord:
    """Records that consent was withdrawn. What it allowed stops from `withdrawn_on`
    everywhere (a partner agency loses sight of the child that day)."""
    child = consent.child
    _check_editor(actor, child)
    if withdrawn_on > timezone.localdate() or withdrawn_on < consent.given_on:
        raise ValidationError("withdrawal date out of range")
    with transaction.atomic():
        updated = ConsentRecord.objects.filter(pk=consent.pk, withdrawn_on__isnull=True).update(
            withdrawn_on=withdrawn_on,
            withdrawal_note=note.strip(),
            withdrawal_recorded_by=actor.user,
            withdrawal_recorded_at=timezone.now(),
        )
        if updated:
            record_event(
                actor=actor,
                verb=Verb.WITHDRAW_CONSENT,
                child=child,
                object_type="consent",
                object_id=consent.pk,
                detail={"purpose": consent.purpose, "withdrawn_on": withdrawn_on.isoformat()},
            )
    current = (
        ConsentRecord.objects.select_related(
            "child__service", "person", "recorded_by", "withdrawal_recorded_by"
        )
        .prefetch_related("agencies")
        .get(pk=consent.pk)
    )
    if not updated:
        raise AlreadyWithdrawn(current)
    return current
