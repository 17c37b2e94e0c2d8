"""Reads of a child's life timeline: scoped to the person asking, audited.

Staff who read children's records in the child's service see the accepted events
(clinical-only ones if they review the timeline, or wrote them). A partner agency
worker reaches a child only while a sharing consent in force names their agency AND
they are invited to one of the child's meetings; they then see only what their agency
contributed. Anyone else is answered 404, and the refusal is audited.
`events_for_pack` is plain (no actor, no audit) for the meeting pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event, record_refusal
from ecm.children.models import Child
from ecm.consent.queries import shared_child_ids, sharing_agency_ids
from ecm.core import access
from ecm.core.access import Actor
from ecm.meetings.queries import LIVE_STATUSES, is_invited
from ecm.organisations.models import PartnerAgency, Role
from ecm.timeline.models import (
    EventCategory,
    Status,
    TimelineEvent,
    TimelineEventRevision,
    Valence,
    Visibility,
)


@dataclass(frozen=True)
class Reader:
    """What one person may see and do on one child's timeline."""

    actor: Actor
    child: Child
    # The partner agency a partner agency worker contributes for; None for staff.
    agency_id: int | None = None

    @property
    def is_partner(self) -> bool:
        return self.agency_id is not None

    @property
    def edits(self) -> bool:
        return not self.is_partner and access.can_edit_timeline_in(
            self.actor, self.child.service_id
        )

    @property
    def reviews(self) -> bool:
        return not self.is_partner and access.can_review_timeline_in(
            self.actor, self.child.service_id
        )

    @property
    def adds(self) -> bool:
        return self.is_partner or self.edits


def partner_agency(actor: Actor, child: Child) -> int | None:
    """The agency a partner agency worker may contribute for to this child's timeline:
    theirs in the child's service, named by a sharing consent in force, and invited."""
    mine = sorted(
        m.agency_id
        for m in actor.memberships
        if m.role == Role.PARTNER and m.service_id == child.service_id and m.agency_id
    )
    if not mine:
        return None
    sharing = sharing_agency_ids(child)
    shared = [agency for agency in mine if agency in sharing]
    if not shared or not is_invited(actor, child):
        return None
    return shared[0]


def partner_contributes(actor: Actor, child: Child) -> bool:
    """For the block on a shared child's record that a partner agency worker sees: their
    agency's timeline events (`timeline:list`) would open for them, by the same check
    as `reader_for(..., partners=True)`. False for staff readers, who have their own
    block. Two queries at most; no audit here (the timeline page records its own)."""
    if access.can_read_children_in(actor, child.service_id):
        return False
    return partner_agency(actor, child) is not None


def reader_for(actor: Actor, child_id: int, *, page: str, partners: bool = False) -> Reader:
    """The child's timeline as this person may read it, or 404 (audited as a refusal).
    With `partners`, invited partner agency workers of a sharing agency are let in."""
    child = (
        Child.objects.select_related("service", "team", "case_manager").filter(pk=child_id).first()
    )
    if child is not None and access.can_read_children_in(actor, child.service_id):
        return Reader(actor, child)
    agency_id = partner_agency(actor, child) if child is not None and partners else None
    if child is None or agency_id is None:
        record_refusal(actor=actor, child_id=child_id, what=f"timeline:{page}")
        raise Http404
    return Reader(actor, child, agency_id)


def visible_q(reader: Reader, *, pending: bool = False, merged: bool = False) -> Q:
    """The events this reader may see: accepted ones (with `pending`, also partner
    agencies' contributions waiting for review; with `merged`, also duplicates merged
    into another event, which lists never show)."""
    own = Q(contributed_by_id=reader.actor.id)
    if reader.is_partner:
        return Q(
            source_agency_id=reader.agency_id, status__in=[Status.ACCEPTED, Status.PENDING]
        ) & (Q(visibility=Visibility.EVERYONE) | own)
    statuses = [Status.ACCEPTED, *([Status.PENDING] if pending else [])]
    shown = Q(status__in=statuses + ([Status.MERGED] if merged else []))
    if reader.reviews:
        return shown
    return shown & (Q(visibility=Visibility.EVERYONE) | own)


def _events(child: Child) -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(child=child).select_related(
        "category", "source_agency", "contributed_by"
    )


def audit(reader: Reader, page: str, verb: Verb = Verb.VIEW_TIMELINE, **detail: object) -> None:
    record_event(
        actor=reader.actor,
        verb=verb,
        child=reader.child,
        object_type="timeline",
        detail={"page": page, **detail},
    )


# Filters of the list and the drawn timeline: codes and ids only, never personal data.

SIGNIFICANT = "yes"


@dataclass(frozen=True)
class Filters:
    category: str = ""
    source: str = ""
    valence: str = ""
    significant: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> Filters:
        return cls(
            category=query.get("category", "")[:60],
            source=query.get("source", "")[:30],
            valence=query.get("valence", "") if query.get("valence") in Valence.values else "",
            significant=SIGNIFICANT if query.get("significant") == SIGNIFICANT else "",
        )

    @property
    def active(self) -> bool:
        return any((self.category, self.source, self.valence, self.significant))

    def as_query(self) -> str:
        values = QueryDict(mutable=True)
        for name in ("category", "source", "valence", "significant"):
            if getattr(self, name):
                values[name] = getattr(self, name)
        return values.urlencode()

    def q(self) -> Q:
        condition = Q()
        if self.category:
            condition &= Q(category__code=self.category)
        if self.valence:
            condition &= Q(valence=self.valence)
        if self.significant:
            condition &= Q(significant=True)
        if self.source in {"family", "child"}:
            condition &= Q(source_kind=self.source)
        elif self.source == "yjs":
            condition &= Q(source_kind="agency", source_agency__isnull=True)
        elif self.source.startswith("agency-") and self.source[7:].isdigit():
            condition &= Q(source_agency_id=int(self.source[7:]))
        elif self.source:
            condition &= Q(pk__in=[])
        return condition


@dataclass(frozen=True)
class TimelinePage:
    reader: Reader
    events: list[TimelineEvent]
    filters: Filters
    categories: list[EventCategory]
    agencies: list[PartnerAgency]
    pending: int
    today: date = field(default_factory=timezone.localdate)


def categories() -> list[EventCategory]:
    return list(EventCategory.objects.order_by("sort_order", "name"))


def agencies_of(child: Child) -> list[PartnerAgency]:
    return list(PartnerAgency.objects.filter(service_id=child.service_id).order_by("name"))


def timeline(
    reader: Reader, filters: Filters, *, page: str, verb: Verb = Verb.VIEW_TIMELINE
) -> TimelinePage:
    """The events this reader may see, chronologically, with what the filters offer; one
    audit event. A fixed number of queries whatever the number of events."""
    events = list(
        _events(reader.child)
        .filter(visible_q(reader))
        .filter(filters.q())
        .order_by("starts_on", "ends_on", "pk")
    )
    pending = 0
    if not reader.is_partner:
        pending = TimelineEvent.objects.filter(
            visible_q(reader, pending=True), child=reader.child, status=Status.PENDING
        ).count()
    audit(reader, page, verb, events=len(events), filters=filters.as_query())
    return TimelinePage(
        reader,
        events,
        filters,
        categories(),
        agencies_of(reader.child) if not reader.is_partner else [],
        pending,
    )


def get_event(
    reader: Reader, event_id: int, *, page: str, pending: bool = False, merged: bool = False
) -> TimelineEvent:
    """One event this reader may see (with `pending`, also a partner agency's event
    waiting for review), or 404; audited."""
    condition = visible_q(reader, pending=pending, merged=merged)
    event = _events(reader.child).filter(condition).filter(pk=event_id).first()
    if event is None:
        raise Http404
    event.child = reader.child
    record_event(
        actor=reader.actor,
        verb=Verb.VIEW_TIMELINE,
        child=reader.child,
        object_type="timeline_event",
        object_id=event.pk,
        detail={"page": page},
    )
    return event


@dataclass(frozen=True)
class EventHistory:
    event: TimelineEvent
    revisions: list[TimelineEventRevision]
    merged: list[TimelineEvent]


def history(reader: Reader, event_id: int) -> EventHistory:
    event = get_event(reader, event_id, page="history", pending=True, merged=True)
    revisions = list(
        TimelineEventRevision.objects.filter(event=event)
        .select_related("changed_by")
        .order_by("version", "pk")
    )
    merged = _events(reader.child).filter(merged_into=event)
    if not reader.reviews:
        merged = merged.filter(
            Q(visibility=Visibility.EVERYONE) | Q(contributed_by_id=reader.actor.id)
        )
    return EventHistory(event, revisions, list(merged.order_by("pk")))


def pending_events(reader: Reader) -> list[TimelineEvent]:
    """Partner agencies' contributions waiting for review, oldest first; audited."""
    events = list(
        _events(reader.child)
        .filter(visible_q(reader, pending=True), status=Status.PENDING)
        .order_by("created_at", "pk")
    )
    audit(reader, "review", events=len(events))
    return events


def merge_targets(reader: Reader, event: TimelineEvent) -> list[TimelineEvent]:
    """Accepted events the duplicate could be merged into."""
    return list(
        _events(reader.child)
        .filter(status=Status.ACCEPTED)
        .exclude(pk=event.pk)
        .order_by("starts_on", "ends_on", "pk")
    )


def events_for_pack(
    child: Child, *, include_clinical: bool, agency_id: int | None
) -> list[TimelineEvent]:
    """Accepted events for the meeting pack, by date: clinical-only ones only with
    `include_clinical`, and never for a partner agency invitee (`agency_id` given).
    No audit here: the caller audits the download."""
    events = _events(child).filter(status=Status.ACCEPTED)
    if not include_clinical or agency_id is not None:
        events = events.filter(visibility=Visibility.EVERYONE)
    return list(events.order_by("starts_on", "ends_on", "pk"))


@dataclass(frozen=True)
class Counts:
    total: int
    adverse: int
    positive: int
    neutral: int
    significant: int
    pending: int


def counts(actor: Actor, child: Child) -> Counts:
    """The overview's numbers for a staff reader, in one query."""
    reader = Reader(actor, child)
    visible = visible_q(reader)
    totals = TimelineEvent.objects.filter(child=child).aggregate(
        total=Count("pk", filter=visible),
        adverse=Count("pk", filter=visible & Q(valence=Valence.ADVERSE)),
        positive=Count("pk", filter=visible & Q(valence=Valence.POSITIVE)),
        neutral=Count("pk", filter=visible & Q(valence=Valence.NEUTRAL)),
        significant=Count("pk", filter=visible & Q(significant=True)),
        pending=Count("pk", filter=visible_q(reader, pending=True) & Q(status=Status.PENDING)),
    )
    return Counts(**totals)


def contributable_children(actor: Actor) -> list[Child]:
    """For a partner agency worker's home page: the children whose timeline they may
    add to (sharing consent in force naming their agency, and invited to a scheduled or
    held meeting of the child). Each child shown is recorded."""
    agency_ids = actor.agency_ids()
    if not agency_ids:
        return []
    invited = Q(formulation_meetings__invitations__agency_id__in=agency_ids) | Q(
        formulation_meetings__invitations__invitee=actor.user
    )
    children = list(
        Child.objects.filter(
            invited,
            formulation_meetings__status__in=LIVE_STATUSES,
            service_id__in=actor.service_ids_with(access.PARTNER_ROLES),
            pk__in=shared_child_ids(agency_ids),
        )
        .distinct()
        .order_by("legal_last_name", "legal_first_name", "pk")
    )
    record_children_shown(actor=actor, children=children, context="home-timeline")
    return children
