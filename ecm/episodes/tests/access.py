"""Access matrix rows for referral, screening and episode pages."""

from __future__ import annotations

from django.utils import timezone

from ecm.conftest import World
from ecm.core.tests.access_rules import (
    EDITORS,
    NOT_ALLOWED,
    READERS,
    REDIRECT,
    ROLES,
    only,
    scoped,
)
from ecm.episodes.models import Episode, Stage

OVERSEERS = {"team_manager", "senior_manager"}

ACCESS: dict[str, dict[str, object]] = {
    "episodes:refer": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
    "episodes:detail": scoped(READERS),
    "episodes:screen": scoped(OVERSEERS, visible_but_refused=READERS - OVERSEERS),
    "episodes:move": {"anonymous": REDIRECT, **{role: NOT_ALLOWED for role in ROLES}},
    "episodes:close": scoped(EDITORS | OVERSEERS, visible_but_refused={"psychologist"}),
    "episodes:pipeline": only(OVERSEERS),
    "episodes:funnel": only(OVERSEERS),
}


def make_episode(world: World, n: int) -> Episode:
    child = world.child(n)
    return Episode.objects.create(
        child=child,
        stage=Stage.REFERRED,
        stage_since=timezone.now(),
        referred_on=timezone.localdate(),
        referred_by=world.person("case_manager", n),
        source="case_manager",
        reason="Several agencies are worried and nothing has helped so far.",
    )


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    if name == "episodes:refer":
        return {"child_id": world.child(n).pk}
    if name in {"episodes:pipeline", "episodes:funnel"}:
        return {}
    return {"episode_id": make_episode(world, n).pk}
