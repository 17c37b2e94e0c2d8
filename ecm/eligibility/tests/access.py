"""Access matrix rows for the eligibility rules pages (service administrators only)."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import (
    ADMINS,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    REDIRECT,
    ROLES,
    only,
)
from ecm.eligibility.models import RuleSet

ACCESS: dict[str, dict[str, object]] = {
    "eligibility:rules": only(ADMINS),
    "eligibility:publish": only(ADMINS),
    "eligibility:rule-set": {
        "anonymous": (REDIRECT, REDIRECT),
        **{role: (OK, NOT_FOUND) if role in ADMINS else (FORBIDDEN, FORBIDDEN) for role in ROLES},
    },
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    if name != "eligibility:rule-set":
        return {}
    n = 1 if relation == "own" else 2
    rule_set = RuleSet.objects.create(
        key=f"local-{n}-{RuleSet.objects.count()}",
        name=f"Local rules {n}",
        name_cy=f"Rheolau lleol {n}",
        service=world.services[n],
    )
    return {"rule_set_id": rule_set.pk}
