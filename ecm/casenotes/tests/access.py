"""The case notes and activity pages' rows of the authorisation matrix."""

from __future__ import annotations

from ecm.casenotes.tests.factories import note
from ecm.conftest import World
from ecm.core.tests.access_rules import READERS, scoped

WRITERS = {"case_manager", "psychologist", "team_manager"}

ACCESS: dict[str, dict[str, object]] = {
    "casenotes:index": scoped(READERS),
    "casenotes:add": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "casenotes:detail": scoped(READERS),
    # A draft is its author's alone (case-manager-1 wrote it): others do not see it.
    "casenotes:change": scoped({"case_manager"}),
    "casenotes:correct": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "casenotes:activity": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    if name in {"casenotes:detail", "casenotes:correct"}:
        kwargs["note_id"] = note(child).pk
    if name == "casenotes:change":
        kwargs["note_id"] = note(child, final=False).pk
    return kwargs
