"""The one place that decides who may see and do what.

Views and services never test roles themselves: they ask these functions.
Rules are written one condition per line so that tests reach each branch.
Objects a person may not see are answered with 404 (Http404), so that their
existence is not revealed; actions on a visible object that the person's role
does not allow raise PermissionDenied (403).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest

from ecm.organisations.models import Membership, Role

if TYPE_CHECKING:
    from ecm.accounts.models import User

# Roles that work with children's records day to day.
CHILD_RECORD_READERS = frozenset(
    {Role.CASE_MANAGER, Role.PSYCHOLOGIST, Role.TEAM_MANAGER, Role.SENIOR_MANAGER}
)
# Roles that create children's records and keep their key facts up to date.
CHILD_RECORD_EDITORS = frozenset({Role.CASE_MANAGER, Role.TEAM_MANAGER})
# Partner agency workers see a child only while the child's consent to share names
# their agency (see ecm.consent).
PARTNER_ROLES = frozenset({Role.PARTNER})
# Roles that see the team and whole-service views of children.
CASELOAD_OVERSEERS = frozenset({Role.TEAM_MANAGER, Role.SENIOR_MANAGER})
# Roles that answer "who has looked at this child's record".
ACCESS_LOG_READERS = frozenset({Role.SERVICE_ADMIN})
# Roles that manage people and teams of their own service.
SERVICE_ADMINISTRATORS = frozenset({Role.SERVICE_ADMIN})
# Roles that may see service-level figures (counts only, no child's details).
FIGURES_READERS = frozenset({Role.SENIOR_MANAGER, Role.EVALUATOR, Role.TEAM_MANAGER})


@dataclass(frozen=True)
class Actor:
    """The signed-in person with their active memberships, loaded once per request."""

    user: User
    memberships: tuple[Membership, ...] = field(default=())

    @property
    def id(self) -> int:
        return int(self.user.pk)

    def roles_in(self, service_id: int) -> frozenset[str]:
        return frozenset(m.role for m in self.memberships if m.service_id == service_id)

    def service_ids_with(self, roles: frozenset[Role]) -> list[int]:
        return sorted({m.service_id for m in self.memberships if m.role in roles})

    def team_ids(self) -> list[int]:
        return sorted({m.team_id for m in self.memberships if m.team_id is not None})

    def agency_ids(self) -> list[int]:
        """Partner agencies the person works for (partner agency workers only)."""
        return sorted(
            {m.agency_id for m in self.memberships if m.role == Role.PARTNER and m.agency_id}
        )

    def has_any(self, roles: frozenset[Role]) -> bool:
        return any(m.role in roles for m in self.memberships)

    def role_label(self, service_id: int | None) -> str:
        """The role(s) recorded on audit events for an action in this service."""
        if service_id is None:
            return ",".join(sorted({m.role for m in self.memberships}))
        return ",".join(sorted(self.roles_in(service_id)))


def load_actor(user: User) -> Actor:
    memberships = tuple(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("service", "team", "agency")
        .order_by("service__name", "role")
    )
    return Actor(user=user, memberships=memberships)


def actor_for(request: HttpRequest) -> Actor:
    cached: Actor | None = getattr(request, "_ecm_actor", None)
    if cached is None:
        cached = load_actor(request.user)  # type: ignore[arg-type]
        request._ecm_actor = cached  # type: ignore[attr-defined]
    return cached


def can_read_children_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & CHILD_RECORD_READERS)


def can_edit_children_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & CHILD_RECORD_EDITORS)


def can_oversee_caseloads_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & CASELOAD_OVERSEERS)


def can_read_access_log_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & ACCESS_LOG_READERS)


def can_administer(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & SERVICE_ADMINISTRATORS)


def can_read_figures_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & FIGURES_READERS)
