"""The tiers' rows of the authorisation matrix (see ecm/core/tests/access_matrix.py).

Tier wording is shared by every service: service administrators correct it. A
child's tier history is for staff readers of the child's service.
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import ADMINS, READERS, only, scoped
from ecm.trm.models import Tier

ASSESSORS = {"psychologist", "case_manager", "team_manager"}

ACCESS: dict[str, dict[str, object]] = {
    "trm:tiers": only(ADMINS),
    "trm:tier-change": only(ADMINS),
    "trm:history": scoped(READERS),
    "trm:assess": scoped(ASSESSORS, visible_but_refused=READERS - ASSESSORS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    if name == "trm:tiers":
        return {}
    if name == "trm:tier-change":
        return {"tier_id": Tier.objects.get(number=2).pk}
    n = 1 if relation == "own" else 2
    return {"child_id": world.child(n).pk}
