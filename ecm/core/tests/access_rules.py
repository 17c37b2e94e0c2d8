"""Building blocks for the authorisation matrix (see access_matrix.py).

Each persona holds its role in service 1. "own" means the object in the URL
belongs to service 1 (for a child: allocated to case-manager-1); "other" means it
belongs to service 2. A URL without an object has one status per role.
test_access_matrix fails when a URL in the URL configuration has no entry here.
"""

from __future__ import annotations

ROLES = (
    "case_manager",
    "psychologist",
    "team_manager",
    "senior_manager",
    "partner",
    "evaluator",
    "service_admin",
)

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def every(status: int, anonymous: int = REDIRECT) -> dict[str, object]:
    return {"anonymous": anonymous, **{role: status for role in ROLES}}


def only(roles: set[str], allowed: int = OK, others: int = FORBIDDEN) -> dict[str, object]:
    return {"anonymous": REDIRECT, **{r: allowed if r in roles else others for r in ROLES}}


def scoped(roles: set[str], *, visible_but_refused: set[str] | None = None) -> dict[str, object]:
    """For object URLs: roles that may act see their own service's object (200) and
    never another service's (404); roles that may see but not act get 403."""
    refused = visible_but_refused or set()
    expect: dict[str, object] = {"anonymous": (REDIRECT, REDIRECT)}
    for role in ROLES:
        if role in roles:
            expect[role] = (OK, NOT_FOUND)
        elif role in refused:
            expect[role] = (FORBIDDEN, NOT_FOUND)
        else:
            expect[role] = (NOT_FOUND, NOT_FOUND)
    return expect


READERS = {"case_manager", "psychologist", "team_manager", "senior_manager"}
EDITORS = {"case_manager", "team_manager"}
ADMINS = {"service_admin"}
FIGURES = {"team_manager", "senior_manager", "evaluator"}
