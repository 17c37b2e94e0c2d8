"""Writing case notes: permission checked, one transaction, audited, every version kept.

Only a draft changes, and only by its author; a final note is never changed (a
correction is a new note pointing at it)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.casenotes.models import CaseNote, NoteState, NoteVersion
from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor

NOTE_FIELDS = ("kind", "noted_on", "title", "text", "visibility")


class EditConflict(conflicts.EditConflict[CaseNote]):
    """Someone (the author, in another window) saved the draft after this edit began."""


class AlreadyFinal(Exception):
    """The note was made final: it can no longer be changed."""

    def __init__(self, current: CaseNote) -> None:
        super().__init__("already final")
        self.current = current


def _values(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in NOTE_FIELDS}


def _keep_version(note: CaseNote, actor: Actor) -> None:
    NoteVersion.objects.create(
        note=note,
        number=note.version,
        saved_by=actor.user,
        state=note.state,
        **{name: getattr(note, name) for name in NOTE_FIELDS},
    )


def record_note(
    *,
    actor: Actor,
    child: Child,
    data: dict[str, Any],
    final: bool,
    corrects: CaseNote | None = None,
    submission: uuid.UUID | None = None,
) -> CaseNote:
    """Adds a note (a draft, or final at once). A repeated submission returns the note
    already added."""
    if not access.can_write_case_notes_in(actor, child.service_id):
        raise PermissionDenied
    if corrects is not None and (corrects.child_id != child.pk or not corrects.is_final):
        raise ValidationError("only a final note of the same child can be corrected")
    if data["noted_on"] < child.date_of_birth or data["noted_on"] > timezone.localdate():
        raise ValidationError("note dated outside the child's life")
    if submission is not None:
        existing = CaseNote.objects.filter(submission=submission, child=child).first()
        if existing is not None:
            return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            note = CaseNote.objects.create(
                child=child,
                author=actor.user,
                corrects=corrects,
                state=NoteState.FINAL if final else NoteState.DRAFT,
                finalised_at=now if final else None,
                submission=submission,
                **_values(data),
            )
            _keep_version(note, actor)
            record_event(
                actor=actor,
                verb=Verb.RECORD_CASE_NOTE,
                child=child,
                object_type="case_note",
                object_id=note.pk,
                detail={
                    "kind": note.kind,
                    "visibility": note.visibility,
                    "state": note.state,
                    "corrects": corrects.pk if corrects else None,
                },
            )
    except IntegrityError:
        if submission is None:
            raise
        return CaseNote.objects.get(submission=submission, child=child)
    return note


def save_draft(
    *, actor: Actor, note: CaseNote, data: dict[str, Any], final: bool, expected_version: int
) -> CaseNote:
    """Saves the author's changes to a draft (and makes it final if asked), only if it is
    still a draft at `expected_version`. Every saved version is kept."""
    child = note.child
    if not access.can_write_case_notes_in(actor, child.service_id) or note.author_id != actor.id:
        raise PermissionDenied
    if data["noted_on"] < child.date_of_birth or data["noted_on"] > timezone.localdate():
        raise ValidationError("note dated outside the child's life")
    changes = _values(data)
    if final:
        changes.update(state=NoteState.FINAL, finalised_at=timezone.now())
    with transaction.atomic():
        updated = CaseNote.objects.filter(
            pk=note.pk, version=expected_version, state=NoteState.DRAFT
        ).update(**changes, version=F("version") + 1, updated_at=timezone.now())
        if updated:
            saved = CaseNote.objects.select_related("author", "corrects").get(pk=note.pk)
            _keep_version(saved, actor)
            record_event(
                actor=actor,
                verb=Verb.FINALISE_CASE_NOTE if final else Verb.UPDATE_CASE_NOTE,
                child=child,
                object_type="case_note",
                object_id=note.pk,
                detail={
                    "fields": sorted(n for n, v in _values(data).items() if getattr(note, n) != v),
                    "version": saved.version,
                },
            )
    if updated:
        saved.child = child
        return saved
    current = CaseNote.objects.select_related("author", "corrects").get(pk=note.pk)
    current.child = child
    if current.is_final:
        raise AlreadyFinal(current)
    record_event(
        actor=actor,
        verb=Verb.EDIT_CONFLICT,
        child=child,
        object_type="case_note",
        object_id=note.pk,
        detail={"expected_version": expected_version, "current_version": current.version},
    )
    raise EditConflict(current)
