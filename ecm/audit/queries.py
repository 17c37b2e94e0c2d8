"""Answering "who has looked at this child's record, and when"."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import Http404

from ecm.audit.models import AuditEvent, Verb
from ecm.audit.services import record_children_shown, record_event
from ecm.children.models import Child
from ecm.children.queries import matching
from ecm.core import access
from ecm.core.access import Actor

EVENTS_PER_PAGE = 100


def children_for_access_log(actor: Actor, search: str) -> list[Child]:
    """Children a service administrator can pick to see the access log of."""
    term = search.strip()
    if not term:
        return []
    service_ids = actor.service_ids_with(access.ACCESS_LOG_READERS)
    children = list(
        Child.objects.filter(service_id__in=service_ids)
        .filter(matching(term))
        .order_by("legal_last_name", "legal_first_name")[:50]
    )
    record_children_shown(actor=actor, children=children, context="access-log-search")
    return children


def access_log(
    actor: Actor, child_id: int, page_number: str | int
) -> tuple[Child, Page[AuditEvent]]:
    child = Child.objects.filter(
        pk=child_id, service_id__in=actor.service_ids_with(access.ACCESS_LOG_READERS)
    ).first()
    if child is None:
        raise Http404
    record_event(
        actor=actor, verb=Verb.VIEW_ACCESS_LOG, child=child, object_type="child", object_id=child.pk
    )
    events = AuditEvent.objects.filter(child_id=child.pk).order_by("-at", "-pk")
    return child, Paginator(events, EVENTS_PER_PAGE).get_page(page_number)
