"""Expected HTTP status for every URL × role × relation, kept as data.

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

MATRIX: dict[str, dict[str, object]] = {
    "core:home": every(OK),
    "core:language": every(REDIRECT, anonymous=REDIRECT),
    "core:accessibility": every(OK, anonymous=OK),
    "core:privacy": every(OK, anonymous=OK),
    "core:ping": every(OK, anonymous=OK),
    "core:health": every(OK, anonymous=OK),
    "accounts:sign-in": every(REDIRECT, anonymous=OK),
    "accounts:sign-in-code": every(REDIRECT),
    "accounts:set-up": every(REDIRECT),
    "accounts:sign-out": every(NOT_ALLOWED),
    "accounts:recovery-codes": every(REDIRECT),
    "accounts:security": every(OK),
    "accounts:password-reset": every(OK, anonymous=OK),
    "accounts:password-reset-sent": every(OK, anonymous=OK),
    "accounts:password-set": every(OK, anonymous=OK),
    "accounts:password-set-done": every(OK, anonymous=OK),
    "children:list": only(READERS),
    "children:new": only(EDITORS),
    "children:detail": scoped(READERS),
    "children:edit": scoped(EDITORS, visible_but_refused=READERS - EDITORS),
    "organisations:people": only(ADMINS),
    "organisations:person-add": only(ADMINS),
    "organisations:person-change": scoped(ADMINS),
    "organisations:person-reset-mfa": {"anonymous": REDIRECT, **{r: NOT_ALLOWED for r in ROLES}},
    "organisations:teams": only(ADMINS),
    "organisations:team-add": only(ADMINS),
    "organisations:team-change": scoped(ADMINS),
    "organisations:agency-add": only(ADMINS),
    "organisations:figures": only(FIGURES),
    "audit:children": only(ADMINS),
    "audit:child-log": scoped(ADMINS),
    # The Django admin is for system administrators (is_staff) only: every staff
    # role of the service is sent to the admin's own sign-in page.
    "admin:*": every(REDIRECT),
}
