"""Reads of a child's needs: scoped through the child's record, audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children import queries as children
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.needs.models import ChildNeed, NeedType


def child_for(actor: Actor, child_id: int) -> Child:
    """The child, if the person reads children's records in the child's service.

    Partner agency workers never see needs, even when consent lets them see the child.
    """
    child = children.get_child(actor, child_id)
    if not access.can_read_children_in(actor, child.service_id):
        raise Http404
    return child


def recorded_needs(child: Child) -> list[ChildNeed]:
    """The child's recorded needs in checklist order, for a child already in scope."""
    return list(
        ChildNeed.objects.filter(child=child)
        .select_related("need_type")
        .order_by("need_type__sort_order", "need_type__name")
    )


@dataclass(frozen=True)
class ChildNeeds:
    child: Child
    needs: list[ChildNeed]

    @property
    def complexity(self) -> int:
        """The complexity count: how many needs are recorded."""
        return len(self.needs)


def needs_for(actor: Actor, child_id: int) -> ChildNeeds:
    child = child_for(actor, child_id)
    needs = recorded_needs(child)
    record_event(
        actor=actor,
        verb=Verb.VIEW_NEEDS,
        child=child,
        object_type="needs",
        detail={"needs": len(needs)},
    )
    return ChildNeeds(child, needs)


def checklist(child: Child) -> list[NeedType]:
    """The needs offered: every active type, and any retired type the child still has."""
    return list(
        NeedType.objects.filter(
            Q(is_active=True) | Q(pk__in=child.needs.values("need_type_id"))
        ).order_by("sort_order", "name")
    )
