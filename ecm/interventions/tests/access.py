"""The intervention catalogue's rows of the authorisation matrix: service
administrators keep their own service's catalogue; another service's own types
answer 404."""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import (
    ADMINS,
    FORBIDDEN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    ROLES,
    only,
)
from ecm.interventions.models import InterventionType
from ecm.trm.models import Tier


def _own_type(roles: set[str]) -> dict[str, object]:
    expect: dict[str, object] = {"anonymous": (REDIRECT, REDIRECT)}
    for role in ROLES:
        expect[role] = (OK, NOT_FOUND) if role in roles else (FORBIDDEN, FORBIDDEN)
    return expect


ACCESS: dict[str, dict[str, object]] = {
    "interventions:catalogue": only(ADMINS),
    "interventions:add": only(ADMINS),
    "interventions:change": _own_type(ADMINS),
    "interventions:switch": {"anonymous": REDIRECT, **{r: NOT_ALLOWED for r in ROLES}},
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    if name in {"interventions:catalogue", "interventions:add"}:
        return {}
    n = 1 if relation == "own" else 2
    made, _created = InterventionType.objects.get_or_create(
        service=world.services[n],
        code=f"own-{n}",
        defaults={
            "name": f"Own work {n}",
            "name_cy": f"Gwaith {n}",
            "lowest_tier": Tier.objects.get(number=2),
        },
    )
    return {"intervention_id": made.pk}
