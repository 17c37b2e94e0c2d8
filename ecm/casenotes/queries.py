"""Reads of case notes and of the child's activity list: scoped to the person (404
outside their scope, notes they may not read left out) and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.casenotes.models import CaseNote, NoteState, NoteVersion, NoteVisibility
from ecm.children.models import Child
from ecm.children.queries import child_for_page, readable_children
from ecm.core import access, plugins
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem


def child_for(actor: Actor, child_id: int, *, verb: Verb, page: str) -> Child:
    """The child, or 404 outside the person's scope; the read is audited."""
    return child_for_page(actor, child_id, page=page, verb=verb)


def readable_q(actor: Actor, child: Child) -> Q:
    """The notes of `child` this person may read: the whole team's; the ECM team's if
    they are in it; clinical ones if they are a psychologist; and always their own.
    A draft is its author's alone until it is made final."""
    levels = [NoteVisibility.EVERYONE]
    if access.is_in_ecm_team(
        actor, service_id=child.service_id, case_manager_id=child.case_manager_id
    ):
        levels.append(NoteVisibility.ECM_TEAM)
    if access.is_clinical_in(actor, child.service_id):
        levels.append(NoteVisibility.CLINICAL)
    own = Q(author_id=actor.id)
    return Q(child=child) & ((Q(visibility__in=levels) & Q(state=NoteState.FINAL)) | own)


def readable_notes(actor: Actor, child: Child) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(readable_q(actor, child)).select_related("author", "corrects")


@dataclass(frozen=True)
class NotesPage:
    child: Child
    notes: list[CaseNote]


def notes_page(actor: Actor, child_id: int, *, kind: str = "") -> NotesPage:
    """The child's notes the person may read, newest first (two queries)."""
    child = child_for(actor, child_id, verb=Verb.VIEW_CASE_NOTES, page="notes")
    notes = readable_notes(actor, child)
    if kind:
        notes = notes.filter(kind=kind)
    return NotesPage(child, list(notes.order_by("-noted_on", "-pk")))


def latest_notes(actor: Actor, child: Child, count: int = 3) -> list[CaseNote]:
    """The newest notes for the child's record page (one query; the page audits the read)."""
    return list(readable_notes(actor, child).order_by("-noted_on", "-pk")[:count])


def get_note(actor: Actor, child_id: int, note_id: int) -> CaseNote:
    """One note the person may read, or 404; the read is audited."""
    child = readable_children(actor).filter(pk=child_id).first()
    note = None
    if child is not None:
        note = (
            readable_notes(actor, child).filter(pk=note_id).prefetch_related("corrections").first()
        )
    if child is None or note is None:
        raise Http404
    note.child = child
    record_event(
        actor=actor,
        verb=Verb.VIEW_CASE_NOTES,
        child=child,
        object_type="case_note",
        object_id=note.pk,
    )
    return note


def versions_of(note: CaseNote) -> list[NoteVersion]:
    """Every saved version of a note already read through `get_note`, newest first."""
    return list(NoteVersion.objects.filter(note=note).select_related("saved_by"))


@dataclass(frozen=True)
class Activity:
    child: Child
    items: list[ActivityItem]
    kinds: list[str]
    kind: str


def activity(actor: Actor, child_id: int, *, kind: str = "") -> Activity:
    """Everything on the child's record in one list, newest first, from every app's
    `activity.py`, optionally only one kind. One audit event for the whole list."""
    child = readable_children(actor).filter(pk=child_id).first()
    if child is None:
        raise Http404
    items: list[ActivityItem] = []
    for module in plugins.app_modules("activity"):
        items.extend(module.items(actor, child))
    kinds = sorted({item.kind for item in items})
    if kind not in kinds:
        kind = ""
    shown = [item for item in items if not kind or item.kind == kind]
    shown.sort(key=lambda item: item.when, reverse=True)
    record_event(
        actor=actor,
        verb=Verb.VIEW_ACTIVITY,
        child=child,
        object_type="child",
        object_id=child.pk,
        detail={"items": len(shown), "filtered": bool(kind)},
    )
    return Activity(child, shown, kinds, kind)
