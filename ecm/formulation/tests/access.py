"""The formulation app's rows of the authorisation matrix (see
ecm/core/tests/access_matrix.py).

Reports are of a child of the service, written by psychologist-n. The psychologist
writes, submits, signs off and revises; every staff reader reads; the partner agency
worker reaches only the shared view of an approved report while the child's sharing
consent names their agency (factories.approved makes such a child).
"""

from __future__ import annotations

from ecm.conftest import World
from ecm.core.tests.access_rules import NOT_ALLOWED, NOT_FOUND, OK, READERS, every, scoped
from ecm.formulation.tests.factories import approved, draft

WRITERS = {"psychologist"}


def _with_partner(roles: set[str]) -> dict[str, object]:
    expect = scoped(roles)
    expect["partner"] = (OK, NOT_FOUND)
    return expect


ACCESS: dict[str, dict[str, object]] = {
    "formulation:index": scoped(READERS),
    "formulation:start": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:shared": _with_partner(READERS),
    "formulation:detail": scoped(READERS),
    "formulation:edit": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:recommendation-add": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:recommendation-edit": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:recommendation-remove": every(NOT_ALLOWED),
    "formulation:submit": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:approve": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:revise": scoped(WRITERS, visible_but_refused=READERS - WRITERS),
    "formulation:changes": scoped(READERS),
    "formulation:pdf": scoped(READERS),
    "formulation:docx": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    made = (
        approved(world, n)
        if name in {"formulation:shared", "formulation:revise"}
        else draft(world, n)
    )
    kwargs: dict[str, object] = {"child_id": made.child_id}
    if name in {"formulation:index", "formulation:start", "formulation:shared"}:
        return kwargs
    kwargs["report_id"] = made.pk
    if name.startswith("formulation:recommendation-") and name != "formulation:recommendation-add":
        kwargs["recommendation_id"] = made.recommendations.get().pk
    return kwargs
