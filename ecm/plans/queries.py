"""Reads of the child's plan and "My plan".

The page reads take the Actor, answer 404 outside the person's scope (recording the
refusal) and are audited. The plain functions after them work on a child already read.

The board: items in the report's order. "Now" is what is in progress or paused, or
else the first suitable item not started; "next" is the first suitable item not
started after that; "later" the rest of the suitable ones; "not yet" the open items
whose tier is above the child's current tier; then what is done or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from ecm.audit.models import Verb
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.core.access import Actor
from ecm.plans.models import ItemStatus, MyPlan, Plan, PlanItem
from ecm.trm.models import TierAssessment


def child_for(actor: Actor, child_id: int, *, page: str, verb: Verb = Verb.VIEW_PLAN) -> Child:
    """The child, for staff readers of the child's service; 404 (recorded) otherwise."""
    return child_for_page(actor, child_id, page=page, verb=verb, refusal=f"plan: {page}")


def plan_of(child: Child) -> Plan | None:
    return Plan.objects.filter(child=child).select_related("report", "tier_seen__tier").first()


def items_of(child: Child) -> list[PlanItem]:
    items = list(
        PlanItem.objects.filter(child=child)
        .select_related("tier", "owner", "intervention")
        .order_by("number", "pk")
    )
    for item in items:
        item.child = child
    return items


def item_of(child: Child, item_id: int) -> PlanItem:
    item = (
        PlanItem.objects.filter(child=child, pk=item_id)
        .select_related("tier", "owner", "intervention")
        .first()
    )
    if item is None:
        raise Http404
    item.child = child
    return item


def my_plans_of(child: Child) -> dict[tuple[str, str], MyPlan]:
    return {(p.audience, p.language): p for p in MyPlan.objects.filter(child=child)}


def my_plan_of(child: Child, audience: str, language: str) -> MyPlan | None:
    return MyPlan.objects.filter(child=child, audience=audience, language=language).first()


def suitable(item: PlanItem, tier_number: int | None) -> bool:
    """Within the child's current tier (unknown tier: nothing is held back)."""
    return tier_number is None or item.tier.number <= tier_number


@dataclass
class Board:
    now: list[PlanItem] = field(default_factory=list)
    next: list[PlanItem] = field(default_factory=list)
    later: list[PlanItem] = field(default_factory=list)
    not_yet: list[PlanItem] = field(default_factory=list)
    finished: list[PlanItem] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.now or self.next or self.later or self.not_yet or self.finished)


def board(items: list[PlanItem], tier_number: int | None) -> Board:
    result = Board()
    waiting: list[PlanItem] = []
    for item in items:
        if not item.is_open:
            result.finished.append(item)
        elif not suitable(item, tier_number):
            result.not_yet.append(item)
        elif item.status in (ItemStatus.IN_PROGRESS, ItemStatus.PAUSED):
            result.now.append(item)
        else:
            waiting.append(item)
    if not result.now and waiting:
        result.now.append(waiting.pop(0))
    if waiting:
        result.next.append(waiting.pop(0))
    result.later = waiting
    return result


@dataclass(frozen=True)
class TierChange:
    """The child's tier changed since the plan was last reviewed."""

    before: int | None
    after: int
    assessment: TierAssessment
    became_suitable: list[PlanItem]
    became_unsuitable: list[PlanItem]


def tier_change(
    plan: Plan | None, current: TierAssessment | None, items: list[PlanItem]
) -> TierChange | None:
    """None while the plan has been reviewed against the child's latest assessment."""
    if plan is None or current is None or plan.tier_seen_id == current.pk:
        return None
    before = plan.tier_seen.tier.number if plan.tier_seen is not None else None
    after = current.tier.number
    open_items = [item for item in items if item.is_open]
    return TierChange(
        before=before,
        after=after,
        assessment=current,
        became_suitable=[i for i in open_items if suitable(i, after) and not suitable(i, before)]
        if before is not None
        else [],
        became_unsuitable=[i for i in open_items if not suitable(i, after) and suitable(i, before)],
    )
