"""Adding, changing, accepting and merging life timeline events: permission checked,
one transaction, audited, and every save kept as a revision (the event's history).

Audit details hold codes only (category, valence, status), never what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor
from ecm.timeline import queries
from ecm.timeline.models import (
    EventCategory,
    RevisionAction,
    SourceKind,
    Status,
    TimelineEvent,
    TimelineEventRevision,
    Visibility,
)
from ecm.timeline.when import When

# The fields a save may change (besides status, merged_into and version).
EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "valence",
    "precision",
    "starts_on",
    "ends_on",
    "age_years",
    "source_kind",
    "source_agency_id",
    "certainty",
    "visibility",
    "significant",
)


class EditConflict(conflicts.EditConflict[TimelineEvent]):
    """Someone else saved, accepted or merged the event after this page was opened."""


@dataclass(frozen=True)
class EventInput:
    """One event as entered on a form. `source` is "yjs", "agency-<id>", "family" or
    "child"; an empty `valence` means the category's usual one."""

    title: str
    when: When
    category: EventCategory
    certainty: str
    description: str = ""
    valence: str = ""
    source: str = "yjs"
    visibility: str = Visibility.EVERYONE
    significant: bool = False


def _source(source: str) -> tuple[str, int | None]:
    if source in {SourceKind.FAMILY, SourceKind.CHILD}:
        return source, None
    if source.startswith("agency-") and source[7:].isdigit():
        return SourceKind.AGENCY, int(source[7:])
    return SourceKind.AGENCY, None


def _values(entry: EventInput, *, agency_id: int | None) -> dict[str, Any]:
    """Model values; a partner agency worker's events come from their agency and are
    for everyone working with the child."""
    kind, source_agency = _source(entry.source)
    if agency_id is not None:
        kind, source_agency = SourceKind.AGENCY, agency_id
    return {
        "title": entry.title,
        "description": entry.description,
        "category": entry.category,
        "valence": entry.valence or entry.category.default_valence,
        "precision": entry.when.precision,
        "starts_on": entry.when.starts_on,
        "ends_on": entry.when.ends_on,
        "age_years": entry.when.age_years,
        "source_kind": kind,
        "source_agency_id": source_agency,
        "certainty": entry.certainty,
        "visibility": Visibility.EVERYONE if agency_id is not None else entry.visibility,
        "significant": entry.significant,
    }


def snapshot(event: TimelineEvent) -> dict[str, Any]:
    """The event's values as plain JSON, for its history."""
    return {
        "title": event.title,
        "description": event.description,
        "category": event.category.code,
        "valence": event.valence,
        "precision": event.precision,
        "starts_on": event.starts_on.isoformat(),
        "ends_on": event.ends_on.isoformat() if event.ends_on else None,
        "age_years": event.age_years,
        "source_kind": event.source_kind,
        "source_agency": event.source_agency_id,
        "certainty": event.certainty,
        "visibility": event.visibility,
        "significant": event.significant,
        "status": event.status,
        "merged_into": event.merged_into_id,
    }


def _revise(event: TimelineEvent, action: str, actor: Actor) -> None:
    TimelineEventRevision.objects.create(
        event=event,
        version=event.version,
        action=action,
        snapshot=snapshot(event),
        changed_by=actor.user,
    )


def _fresh(event_id: int) -> TimelineEvent:
    return TimelineEvent.objects.select_related("category", "source_agency", "child").get(
        pk=event_id
    )


def _agency_for_adding(actor: Actor, child: Child) -> int | None:
    """None for staff who may add events; the agency of an invited partner agency
    worker of a sharing agency; otherwise refused."""
    if access.can_edit_timeline_in(actor, child.service_id):
        return None
    if access.can_read_children_in(actor, child.service_id):
        raise PermissionDenied
    agency_id = queries.partner_agency(actor, child)
    if agency_id is None:
        raise Http404
    return agency_id


def record_events(
    *, actor: Actor, child: Child, entries: Sequence[EventInput]
) -> list[TimelineEvent]:
    """Adds every entry or, if any fails, none. A partner agency worker's events wait
    for the psychologist's review."""
    agency_id = _agency_for_adding(actor, child)
    status = Status.PENDING if agency_id is not None else Status.ACCEPTED
    events = []
    with transaction.atomic():
        for entry in entries:
            event = TimelineEvent.objects.create(
                child=child,
                contributed_by=actor.user,
                status=status,
                **_values(entry, agency_id=agency_id),
            )
            _revise(event, RevisionAction.ADDED, actor)
            record_event(
                actor=actor,
                verb=Verb.RECORD_TIMELINE_EVENT,
                child=child,
                object_type="timeline_event",
                object_id=event.pk,
                detail={
                    "category": entry.category.code,
                    "valence": event.valence,
                    "status": status,
                    "significant": event.significant,
                },
            )
            events.append(event)
    return events


def can_change(actor: Actor, event: TimelineEvent) -> bool:
    """Staff who add events change accepted ones they may see; a partner agency's event
    waiting for review, and clinical-only events of others, only the psychologist."""
    service_id = event.child.service_id
    if not access.can_edit_timeline_in(actor, service_id):
        return False
    if access.can_review_timeline_in(actor, service_id):
        return event.status != Status.MERGED
    if event.status != Status.ACCEPTED:
        return False
    return event.visibility == Visibility.EVERYONE or event.contributed_by_id == actor.id


def _conditional_save(
    *,
    actor: Actor,
    event: TimelineEvent,
    changes: dict[str, Any],
    expected_version: int,
    action: str,
    verb: Verb,
    detail: dict[str, Any],
    only_if: dict[str, Any] | None = None,
) -> TimelineEvent:
    """Saves only if nobody saved the event since `expected_version` was read; the
    revision and the audit event in the same transaction. Otherwise records the
    conflict and raises EditConflict with what the other person saved."""
    with transaction.atomic():
        updated = TimelineEvent.objects.filter(
            pk=event.pk, version=expected_version, **(only_if or {})
        ).update(**changes, version=F("version") + 1, updated_at=timezone.now())
        if updated:
            saved = _fresh(event.pk)
            _revise(saved, action, actor)
            record_event(
                actor=actor,
                verb=verb,
                child=event.child,
                object_type="timeline_event",
                object_id=event.pk,
                detail={**detail, "version": saved.version},
            )
            return saved
    current = _fresh(event.pk)
    record_event(
        actor=actor,
        verb=Verb.EDIT_CONFLICT,
        child=event.child,
        object_type="timeline_event",
        object_id=event.pk,
        detail={"expected_version": expected_version, "current_version": current.version},
    )
    raise EditConflict(current)


def update_event(
    *,
    actor: Actor,
    event: TimelineEvent,
    entry: EventInput,
    expected_version: int,
    accept: bool = False,
) -> TimelineEvent:
    """Changes an event (and, for the psychologist, accepts a partner agency's event in
    the same save)."""
    if not can_change(actor, event):
        raise PermissionDenied
    if accept and not access.can_review_timeline_in(actor, event.child.service_id):
        raise PermissionDenied
    changes = _values(entry, agency_id=None)
    if event.source_kind == SourceKind.AGENCY and event.status == Status.PENDING:
        # A partner agency's contribution stays theirs, and for everyone.
        changes.update(source_kind=SourceKind.AGENCY, source_agency_id=event.source_agency_id)
    accepting = accept and event.status == Status.PENDING
    if accepting:
        changes["status"] = Status.ACCEPTED
    fields = sorted(
        name
        for name, value in changes.items()
        if name in EDITABLE_FIELDS and getattr(event, name) != value
    )
    return _conditional_save(
        actor=actor,
        event=event,
        changes=changes,
        expected_version=expected_version,
        action=RevisionAction.ACCEPTED if accepting else RevisionAction.CHANGED,
        verb=Verb.ACCEPT_TIMELINE_EVENT if accepting else Verb.UPDATE_TIMELINE_EVENT,
        detail={"fields": fields, "category": entry.category.code},
        only_if={"status": event.status},
    )


def accept_event(*, actor: Actor, event: TimelineEvent, expected_version: int) -> TimelineEvent:
    if not access.can_review_timeline_in(actor, event.child.service_id):
        raise PermissionDenied
    return _conditional_save(
        actor=actor,
        event=event,
        changes={"status": Status.ACCEPTED},
        expected_version=expected_version,
        action=RevisionAction.ACCEPTED,
        verb=Verb.ACCEPT_TIMELINE_EVENT,
        detail={"fields": []},
        only_if={"status": Status.PENDING},
    )


def merge_event(
    *, actor: Actor, event: TimelineEvent, into: TimelineEvent, expected_version: int
) -> TimelineEvent:
    """Marks `event` a duplicate of `into` (an accepted event of the same child). The
    duplicate is kept, with its history, and shown on the history of `into`."""
    if not access.can_review_timeline_in(actor, event.child.service_id):
        raise PermissionDenied
    if into.child_id != event.child_id or into.pk == event.pk or into.status != Status.ACCEPTED:
        raise PermissionDenied
    return _conditional_save(
        actor=actor,
        event=event,
        changes={"status": Status.MERGED, "merged_into": into},
        expected_version=expected_version,
        action=RevisionAction.MERGED,
        verb=Verb.MERGE_TIMELINE_EVENT,
        detail={"into": into.pk, "was": event.status},
        only_if={"status__in": [Status.PENDING, Status.ACCEPTED]},
    )


def preview(event: TimelineEvent, entry: EventInput) -> TimelineEvent:
    """An unsaved copy of `event` with the entry's values, to compare with another save."""
    copy = TimelineEvent(
        pk=event.pk,
        child_id=event.child_id,
        status=event.status,
        contributed_by_id=event.contributed_by_id,
        **_values(entry, agency_id=None),
    )
    if event.status == Status.PENDING and event.source_kind == SourceKind.AGENCY:
        copy.source_kind, copy.source_agency_id = event.source_kind, event.source_agency_id
    return copy
