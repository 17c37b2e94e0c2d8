"""Recording the child's or a carer's voice: permission checked, one transaction,
audited. Records are never changed; a new one is added each time."""

from __future__ import annotations

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.consent.models import RelatedPerson
from ecm.core import access
from ecm.core.access import Actor
from ecm.voice.models import ANSWER_FIELDS, HowShared, VoiceRecord


def _check(
    child: Child,
    *,
    person: RelatedPerson | None,
    answers: dict[str, str],
    how: str,
    recorded_on: date,
    recorded_with: User,
) -> None:
    """The rules the form explains to people, checked again here for any caller."""
    problems = []
    if person is not None and person.child_id != child.pk:
        problems.append("person belongs to another child")
    if not any(answers.values()):
        problems.append("nothing said")
    if how not in HowShared.values:
        problems.append("unknown way of sharing")
    if recorded_on > timezone.localdate() or recorded_on < child.date_of_birth:
        problems.append("date recorded out of range")
    if not access.can_contribute_to_formulation_in(
        access.load_actor(recorded_with), child.service_id
    ):
        problems.append("recorded with someone who does not work with the child")
    if problems:
        raise ValidationError("; ".join(problems))


def record_voice(
    *,
    actor: Actor,
    child: Child,
    person: RelatedPerson | None,
    answers: dict[str, str],
    how: str,
    recorded_on: date,
    recorded_with: User,
    how_other: str = "",
    submission: uuid.UUID | None = None,
) -> VoiceRecord:
    """Adds what the child (`person` None) or a carer said, as their next version.
    A repeated submission (the same form sent twice) returns the record already added."""
    if not access.can_contribute_to_formulation_in(actor, child.service_id):
        raise PermissionDenied
    answers = {name: (answers.get(name) or "").strip() for name in ANSWER_FIELDS}
    _check(
        child,
        person=person,
        answers=answers,
        how=how,
        recorded_on=recorded_on,
        recorded_with=recorded_with,
    )
    if submission is not None:
        existing = VoiceRecord.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            # Two people recording at once take the next version one after the other.
            Child.objects.select_for_update().filter(pk=child.pk).first()
            latest = VoiceRecord.objects.filter(child=child, person=person).aggregate(
                Max("version")
            )["version__max"]
            record = VoiceRecord.objects.create(
                child=child,
                person=person,
                how=how,
                how_other=how_other.strip() if how == HowShared.OTHER else "",
                recorded_with=recorded_with,
                recorded_on=recorded_on,
                version=(latest or 0) + 1,
                recorded_by=actor.user,
                submission=submission,
                **answers,
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_VOICE,
                child=child,
                object_type="voice_record",
                object_id=record.pk,
                detail={
                    "person": person.pk if person else None,
                    "version": record.version,
                    "how": how,
                    "recorded_on": recorded_on.isoformat(),
                },
            )
    except IntegrityError:
        if submission is None:
            raise
        return VoiceRecord.objects.get(submission=submission, child=child)
    return record
