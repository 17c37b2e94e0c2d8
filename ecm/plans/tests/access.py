"""The plan's rows of the authorisation matrix: staff readers of the child's service
read the plan and print "My plan"; the editors of the child's record (case manager,
team manager) work it. Partner agency workers reach none of it."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, NOT_ALLOWED, READERS, every, scoped
from ecm.plans.models import MyPlan, PlanItem
from ecm.trm.models import Tier

ACCESS: dict[str, dict[str, object]] = {
    "plans:plan": scoped(READERS),
    "plans:create": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
    "plans:item": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
    "plans:seen": every(NOT_ALLOWED),
    "plans:my-plan": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
    "plans:my-plan-print": scoped(READERS),
    "plans:my-plan-pdf": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name == "plans:item":
        item = PlanItem.objects.create(
            child=child, number=1, what="Same room every Tuesday", tier=Tier.objects.get(number=1)
        )
        kwargs["item_id"] = item.pk
    if name.startswith("plans:my-plan"):
        kwargs.update(audience="child", language="cy")
        if name != "plans:my-plan":
            MyPlan.objects.create(
                child=child,
                audience="child",
                language="cy",
                worker="Sam",
                first_steps="Cwrdd bob wythnos.",
                what_matters="Fy chwaer.",
                get_help="Ffonio Sam.",
                updated_by=world.person("case_manager", n),
            )
    return kwargs
