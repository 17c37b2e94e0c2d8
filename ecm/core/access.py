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
# Roles that record what goes into a child's formulation: the child's and family's
# voice and developmental mappings (ecm.voice, ecm.development). The editors of the
# child's record, and the psychologist who leads the formulation.
FORMULATION_CONTRIBUTORS = CHILD_RECORD_EDITORS | frozenset({Role.PSYCHOLOGIST})
# Life timeline (ecm.timeline): the psychologist reviews partner agencies' contributions,
# merges duplicates and, with each event's author, sees events for the clinical team only.
TIMELINE_REVIEWERS = frozenset({Role.PSYCHOLOGIST})


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


def can_contribute_to_formulation_in(actor: Actor, service_id: int) -> bool:
    """Records a child's or carer's voice and developmental mappings (see
    FORMULATION_CONTRIBUTORS)."""
    return bool(actor.roles_in(service_id) & FORMULATION_CONTRIBUTORS)


# Formulation meetings (ecm.meetings): psychologists and team managers schedule them;
# the chair must be a clinical psychologist of the child's service.
MEETING_SCHEDULERS = frozenset({Role.PSYCHOLOGIST, Role.TEAM_MANAGER})
MEETING_CHAIRS = frozenset({Role.PSYCHOLOGIST})
# Trauma Recovery Model tiers (ecm.trm): who records a child's tier outside a meeting.
TIER_ASSESSORS = frozenset({Role.PSYCHOLOGIST, Role.CASE_MANAGER, Role.TEAM_MANAGER})


def can_schedule_meetings_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & MEETING_SCHEDULERS)


def can_record_meeting(
    actor: Actor, *, service_id: int, chair_id: int, case_manager_id: int | None
) -> bool:
    """Attendance, notes, actions and the agreed tier: the chair, the child's case
    manager, or a team manager of the child's service."""
    if not can_read_children_in(actor, service_id):
        return False
    if actor.id == chair_id:
        return True
    if case_manager_id is not None and actor.id == case_manager_id:
        return True
    return Role.TEAM_MANAGER in actor.roles_in(service_id)


def can_assess_tier_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & TIER_ASSESSORS)


# Life timeline (ecm.timeline).
def can_edit_timeline_in(actor: Actor, service_id: int) -> bool:
    """Adds and changes events of children's life timelines (the formulation contributors)."""
    return bool(actor.roles_in(service_id) & FORMULATION_CONTRIBUTORS)


def can_review_timeline_in(actor: Actor, service_id: int) -> bool:
    """Reviews partner agencies' timeline contributions and sees clinical-only events."""
    return bool(actor.roles_in(service_id) & TIMELINE_REVIEWERS)


# Case notes (ecm.casenotes). Notes are written by the editors of the child's record and
# the psychologists; each note says who may read it. "The ECM team" for a child is its
# case manager, the psychologists and the team managers of its service; "clinical only"
# is the psychologists. The author always reads their own note.
CASE_NOTE_WRITERS = CHILD_RECORD_EDITORS | frozenset({Role.PSYCHOLOGIST})
ECM_TEAM_ROLES = frozenset({Role.PSYCHOLOGIST, Role.TEAM_MANAGER})
CLINICAL_ROLES = frozenset({Role.PSYCHOLOGIST})


def can_write_case_notes_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & CASE_NOTE_WRITERS)


def is_in_ecm_team(actor: Actor, *, service_id: int, case_manager_id: int | None) -> bool:
    if bool(actor.roles_in(service_id) & ECM_TEAM_ROLES):
        return True
    if case_manager_id is None or not can_read_children_in(actor, service_id):
        return False
    return actor.id == case_manager_id


def is_clinical_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & CLINICAL_ROLES)


# Safeguarding and risk concerns (ecm.safeguarding): everyone who reads the child's record
# raises concerns, escalates them and records referrals; managers respond; editors of the
# record and managers close them.
def can_raise_concerns_in(actor: Actor, service_id: int) -> bool:
    return can_read_children_in(actor, service_id)


def can_close_concerns_in(actor: Actor, service_id: int) -> bool:
    if can_edit_children_in(actor, service_id):
        return True
    return can_oversee_caseloads_in(actor, service_id)


# Enforcement after missed appointments (ecm.compliance): a team manager signs off
# warnings and breach proceedings where the service asks for it (never their own).
ENFORCEMENT_SIGNERS = frozenset({Role.TEAM_MANAGER})


def can_sign_off_enforcement_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & ENFORCEMENT_SIGNERS)


# Formulation reports (ecm.formulation): clinical psychologists write, submit and sign
# them off; the ECM team (staff readers of the child's service) reads them, without the
# clinical notes, which only psychologists read.
FORMULATION_AUTHORS = frozenset({Role.PSYCHOLOGIST})


def can_write_formulation_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & FORMULATION_AUTHORS)


def can_approve_formulation_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & FORMULATION_AUTHORS)


# The plan the case manager works from (ecm.plans): the editors of the child's record
# (the case manager, and team managers) create it from the approved formulation report,
# work its items and write the child's and carer's "My plan"; every staff reader reads it.
PLAN_WORKERS = CHILD_RECORD_EDITORS


def can_work_plans_in(actor: Actor, service_id: int) -> bool:
    return bool(actor.roles_in(service_id) & PLAN_WORKERS)
