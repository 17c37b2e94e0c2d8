"""Reads of the child's and family's voice.

`latest_voices` is plain (no actor, no audit): the overview section and the meeting
pack call it for a child already read. The page reads take the Actor, answer 404
outside the person's scope (recording the refusal) and are audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.consent.models import RelatedPerson
from ecm.core.access import Actor
from ecm.voice.models import VoiceRecord

NEWEST_FIRST = (F("recorded_on").desc(), F("pk").desc())


def _records(child: Child) -> QuerySet[VoiceRecord]:
    return VoiceRecord.objects.filter(child=child).select_related(
        "person", "recorded_with", "recorded_by"
    )


def _child_first(record: VoiceRecord) -> tuple[int, str, int]:
    name = record.person.full_name if record.person else ""
    return (0 if record.person_id is None else 1, name, record.person_id or 0)


def latest_voices(child: Child) -> list[VoiceRecord]:
    """The newest record of each person (by the date recorded, then the latest added),
    the child's own first, then the carers by name. One query, however many records."""
    newest = _records(child).annotate(
        place=Window(RowNumber(), partition_by=[F("person_id")], order_by=NEWEST_FIRST)
    )
    records = list(newest.filter(place=1))
    for record in records:
        record.child = child
    return sorted(records, key=_child_first)


@dataclass
class PersonVoice:
    """One person's records: the latest shown, the earlier ones listed by date."""

    person: RelatedPerson | None
    records: list[VoiceRecord] = field(default_factory=list)

    @property
    def latest(self) -> VoiceRecord | None:
        return self.records[0] if self.records else None

    @property
    def earlier(self) -> list[VoiceRecord]:
        return self.records[1:]


@dataclass(frozen=True)
class VoicePicture:
    child: Child
    groups: list[PersonVoice]

    @property
    def childs_own(self) -> PersonVoice:
        return self.groups[0]

    @property
    def family(self) -> list[PersonVoice]:
        return self.groups[1:]


def _scoped_child(actor: Actor, child_id: int, page: str) -> Child:
    """The child, or 404 (and an audited refusal) outside the person's scope."""
    return child_for_page(actor, child_id, page=page, refusal=f"voice:{page}")


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, or 404 outside the person's scope; the read is audited."""
    return child_for_page(actor, child_id, page=page, verb=Verb.VIEW_VOICE, refusal=f"voice:{page}")


def people_of(child: Child) -> list[RelatedPerson]:
    return list(RelatedPerson.objects.filter(child=child).order_by("full_name", "pk"))


def picture(child: Child) -> VoicePicture:
    """Every record of the child and of each person around them (two queries)."""
    people = people_of(child)
    groups: dict[int | None, PersonVoice] = {None: PersonVoice(None)}
    groups.update({p.pk: PersonVoice(p) for p in people})
    for record in _records(child).order_by(*NEWEST_FIRST):
        record.child = child
        groups[record.person_id].records.append(record)
    return VoicePicture(child=child, groups=list(groups.values()))


def voice_page(actor: Actor, child_id: int) -> VoicePicture:
    return picture(child_for(actor, child_id, page="voice"))


def get_record(actor: Actor, child_id: int, record_id: int) -> VoiceRecord:
    """One record of the child's or a carer's voice, or 404 (also when it is another
    child's)."""
    child = _scoped_child(actor, child_id, "record")
    record = _records(child).filter(pk=record_id).first()
    if record is None:
        raise Http404
    record.child = child
    record_event(
        actor=actor,
        verb=Verb.VIEW_VOICE,
        child=child,
        object_type="voice_record",
        object_id=record.pk,
    )
    return record
