"""Reads of children's records, always scoped to the person asking, always audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event, record_refusal
from ecm.children.models import Child
from ecm.consent.queries import shared_child_ids
from ecm.core import access
from ecm.core.access import Actor

PAGE_SIZE = 50

SCOPES = ("mine", "team", "service")
SORTS = {
    "name": ("legal_last_name", "legal_first_name", "pk"),
    "-name": ("-legal_last_name", "-legal_first_name", "-pk"),
    "age": ("-date_of_birth", "pk"),
    "-age": ("date_of_birth", "pk"),
    "reference": ("local_reference", "pk"),
    "updated": ("-updated_at", "pk"),
}


def visible_children(actor: Actor, *, include_shared: bool = False) -> QuerySet[Child]:
    """Every child whose record the person may see: those in services where their role
    reads records. With `include_shared` (the children list and the child's overview page
    only), also the children whose sharing consent in force today names the person's
    partner agency: partner agency workers see those children's key facts, nothing else,
    and lose sight of them the day the consent is withdrawn."""
    readable = Q(service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS))
    agency_ids = actor.agency_ids()
    if not include_shared or not agency_ids:
        return Child.objects.filter(readable)
    shared = Q(
        service_id__in=actor.service_ids_with(access.PARTNER_ROLES),
        pk__in=shared_child_ids(agency_ids),
    )
    return Child.objects.filter(readable | shared)


def get_child(actor: Actor, child_id: int, *, include_shared: bool = False) -> Child:
    """One child's record for viewing, or 404 when it is out of the person's scope."""
    child = (
        visible_children(actor, include_shared=include_shared)
        .select_related("service", "team", "case_manager")
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404
    record_event(
        actor=actor, verb=Verb.VIEW_CHILD, child=child, object_type="child", object_id=child.pk
    )
    return child


def readable_children(actor: Actor) -> QuerySet[Child]:
    """The children whose whole record the person may read: staff who read records in the
    child's service. Never partner agency workers, even for a child shared with their
    agency (they see its key facts only, through get_child with include_shared)."""
    return visible_children(actor).select_related("service", "case_manager", "team")


def child_for_page(
    actor: Actor, child_id: int, *, page: str, verb: Verb | None = None, refusal: str = ""
) -> Child:
    """The child for one page of their record (readable_children), or 404 outside the
    person's scope, recorded as a refusal of `refusal` when one is given. With `verb` the
    read is recorded (the page in its detail); without one, the caller records what it
    reads."""
    child = readable_children(actor).filter(pk=child_id).first()
    if child is None:
        if refusal:
            record_refusal(actor=actor, child_id=child_id, what=refusal)
        raise Http404
    if verb is not None:
        record_event(
            actor=actor,
            verb=verb,
            child=child,
            object_type="child",
            object_id=child.pk,
            detail={"page": page},
        )
    return child


def matching(term: str) -> Q:
    """Children whose reference is the term, or whose names contain any word of it."""
    filters = Q(local_reference__iexact=term.strip())
    for word in term.split():
        filters |= (
            Q(legal_first_name__icontains=word)
            | Q(legal_last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return filters


def default_scope(actor: Actor) -> str:
    """Case managers start with their own caseload, managers with their team, and
    people without a caseload or a team (psychologists, most senior managers) with
    the whole service."""
    if actor.has_any(access.CASELOAD_OVERSEERS) and actor.team_ids():
        return "team"
    if actor.has_any(access.CHILD_RECORD_EDITORS):
        return "mine"
    return "service"


@dataclass(frozen=True)
class Caseload:
    page: Page[Child]
    scope: str
    sort: str
    search: str


def caseload(
    actor: Actor, *, scope: str, sort: str, search: str, page_number: str | int
) -> Caseload:
    """A page of children for the caseload, team or service view; each child shown is audited."""
    children = visible_children(actor, include_shared=True).select_related("team", "case_manager")
    if scope == "mine":
        children = children.filter(case_manager=actor.user)
    elif scope == "team":
        children = children.filter(team_id__in=actor.team_ids())
    term = search.strip()
    if term:
        children = children.filter(matching(term))
    children = children.order_by(*SORTS.get(sort, SORTS["name"]))
    page = Paginator(children, PAGE_SIZE).get_page(page_number)
    record_children_shown(actor=actor, children=page.object_list, context=f"caseload:{scope}")
    return Caseload(page=page, scope=scope, sort=sort, search=term)


def possible_duplicates(
    actor: Actor, *, legal_first_name: str, legal_last_name: str, date_of_birth: date
) -> list[Child]:
    """Children the person may see who might be the same child: same date of birth with a
    similar name, or the same name whatever the date."""
    first_name, last_name = legal_first_name.strip(), legal_last_name.strip()
    similar_name = (
        Q(legal_last_name__istartswith=last_name.strip()[:3])
        | Q(legal_first_name__istartswith=first_name.strip()[:2])
        | Q(preferred_name__istartswith=first_name.strip()[:2])
    )
    same_name = Q(legal_last_name__iexact=last_name.strip()) & (
        Q(legal_first_name__iexact=first_name.strip())
        | Q(preferred_name__iexact=first_name.strip())
    )
    matches = list(
        visible_children(actor)
        .filter((Q(date_of_birth=date_of_birth) & similar_name) | same_name)
        .select_related("service", "case_manager")
        .order_by("legal_last_name", "legal_first_name")[:20]
    )
    record_children_shown(actor=actor, children=matches, context="duplicate-check")
    return matches
