"""Expected HTTP status for every URL × role × relation, kept as data.

Each persona holds its role in service 1. "own" means the object in the URL
belongs to service 1 (for a child: allocated to case-manager-1); "other" means it
belongs to service 2. A URL without an object has one status per role.
test_access_matrix fails when a URL in the URL configuration has no entry here
or in an app's own ecm/<app>/tests/access.py.
"""

from __future__ import annotations

from ecm.core import plugins
from ecm.core.tests.access_rules import (
    ADMINS,
    EDITORS,
    FIGURES,
    NOT_ALLOWED,
    OK,
    READERS,
    REDIRECT,
    ROLES,
    every,
    only,
    scoped,
)

__all__ = ["MATRIX", "ROLES"]

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
    # Partner agency workers see the list of children shared with their agency.
    "children:list": only(READERS | {"partner"}),
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
    "organisations:settings": only(ADMINS),
    "organisations:figures": only(FIGURES),
    "audit:children": only(ADMINS),
    "audit:child-log": scoped(ADMINS),
    # The Django admin is for system administrators (is_staff) only: every staff
    # role of the service is sent to the admin's own sign-in page.
    "admin:*": every(REDIRECT),
}

# Each domain app adds its own rows in ecm/<app>/tests/access.py (see ecm.core.plugins).
for _module in plugins.app_modules("tests.access"):
    _overlap = set(_module.ACCESS) & set(MATRIX)
    assert not _overlap, f"URL names listed twice in the access matrix: {_overlap}"
    MATRIX.update(_module.ACCESS)
