"""Reads of formulation meetings.

`is_invited` is plain (no actor, no audit): the timeline and other apps call it to
decide whether a partner agency worker may reach a child. The reads after it take
the Actor, answer 404 outside the person's scope (recording the refusal) and are
audited.

Staff readers of the child's service read every meeting. A partner agency worker
reaches a meeting only while a sharing consent in force names their agency AND
their agency is invited to it: then they see their invitation and their (limited)
meeting pack, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_children_shown, record_event, record_refusal
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.consent.queries import shared_child_ids, sharing_agency_ids
from ecm.core import access
from ecm.core.access import Actor
from ecm.meetings.models import (
    FormulationMeeting,
    Invitation,
    MeetingAction,
    MeetingStatus,
    Response,
)
from ecm.organisations.models import Membership, Role
from ecm.trm.models import TierAssessment

LIVE_STATUSES = (MeetingStatus.SCHEDULED, MeetingStatus.HELD)


def _agency_ids(user: User) -> list[int]:
    return list(
        Membership.objects.filter(
            user=user, role=Role.PARTNER, is_active=True, agency__isnull=False
        ).values_list("agency_id", flat=True)
    )


def is_invited(user: User | Actor, child: Child) -> bool:
    """The person has an invitation to a scheduled or held meeting of this child: by
    name, or through an agency they work for as a partner agency worker."""
    if isinstance(user, Actor):
        person, agency_ids = user.user, user.agency_ids()
    else:
        person, agency_ids = user, _agency_ids(user)
    return Invitation.objects.filter(
        Q(invitee=person) | Q(agency_id__in=agency_ids),
        meeting__child=child,
        meeting__status__in=LIVE_STATUSES,
    ).exists()


def refuse(actor: Actor, child_id: int | None, what: str) -> Http404:
    """Records the refusal and gives the 404 to raise."""
    record_refusal(actor=actor, child_id=child_id, what=what)
    return Http404()


# The child's meetings, for staff readers of the child's service.


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, or 404 (recorded) outside the person's scope; the read is audited."""
    return child_for_page(
        actor, child_id, page=page, verb=Verb.VIEW_MEETINGS, refusal=f"meetings: {page}"
    )


def meetings_of(child: Child) -> list[FormulationMeeting]:
    """A child already read: every meeting, newest first, with invitation counts."""
    return list(
        FormulationMeeting.objects.filter(child=child)
        .select_related("chair")
        .annotate(
            invited=Count("invitations"),
            attended_count=Count("invitations", filter=Q(invitations__attended=True)),
        )
        .order_by("-starts_at", "-pk")
    )


def _meetings() -> QuerySet[FormulationMeeting]:
    return FormulationMeeting.objects.select_related(
        "child__service", "child__case_manager", "child__team", "chair", "episode"
    )


def meeting_for(actor: Actor, meeting_id: int, *, page: str) -> FormulationMeeting:
    """One meeting for a staff reader of the child's service, or 404 (recorded)."""
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None or not access.can_read_children_in(actor, meeting.child.service_id):
        raise refuse(actor, meeting.child_id if meeting else None, f"meeting: {page}")
    record_event(
        actor=actor,
        verb=Verb.VIEW_MEETINGS,
        child=meeting.child,
        object_type="meeting",
        object_id=meeting.pk,
        detail={"page": page},
    )
    return meeting


def invitations_of(meeting: FormulationMeeting) -> list[Invitation]:
    invitations = list(
        Invitation.objects.filter(meeting=meeting)
        .select_related("agency", "invitee", "responded_by")
        .order_by("agency__name", "invitee__full_name", "name", "pk")
    )
    for invitation in invitations:
        invitation.meeting = meeting
    return invitations


def actions_of(meeting: FormulationMeeting) -> list[MeetingAction]:
    return list(
        MeetingAction.objects.filter(meeting=meeting)
        .select_related("owner")
        .order_by("due_on", "pk")
    )


def agreed_tier(meeting: FormulationMeeting) -> TierAssessment | None:
    return (
        TierAssessment.objects.filter(meeting=meeting).select_related("tier", "assessed_by").first()
    )


@dataclass(frozen=True)
class MeetingPicture:
    meeting: FormulationMeeting
    invitations: list[Invitation]
    actions: list[MeetingAction]
    tier: TierAssessment | None

    @property
    def agencies(self) -> list[Invitation]:
        return [i for i in self.invitations if i.agency_id is not None]

    @property
    def people(self) -> list[Invitation]:
        return [i for i in self.invitations if i.agency_id is None]


def picture(meeting: FormulationMeeting) -> MeetingPicture:
    """Everything on the meeting page, in three queries whatever the numbers."""
    return MeetingPicture(
        meeting, invitations_of(meeting), actions_of(meeting), agreed_tier(meeting)
    )


# Partner agency workers: their invitation and their pack, nothing else.


def partner_agency_for(actor: Actor, meeting: FormulationMeeting) -> int | None:
    """The agency through which a partner agency worker reaches this meeting: one of
    theirs, named by a sharing consent in force today, and invited to the meeting."""
    mine = set(actor.agency_ids())
    if not mine or meeting.status not in LIVE_STATUSES:
        return None
    allowed = mine & sharing_agency_ids(meeting.child)
    if not allowed:
        return None
    invited = Invitation.objects.filter(meeting=meeting, agency_id__in=allowed)
    return invited.order_by("agency_id").values_list("agency_id", flat=True).first()


def partner_invitations(actor: Actor, child: Child) -> list[Invitation]:
    """For the block on a shared child's record that a partner agency worker sees: the
    invitations whose page (`meetings:invitation`, where their agency's pack is) would
    open for them, newest meeting first. By the same rule as `partner_agency_for` and
    `invitation_for`: one per scheduled or held meeting, the invitation of the first
    of their agencies that a sharing consent in force names and that is invited.
    Empty for staff readers, who have their own block. Two queries at most, whatever
    the number of meetings; no audit here (the invitation page records its own)."""
    mine = set(actor.agency_ids())
    if not mine or access.can_read_children_in(actor, child.service_id):
        return []
    allowed = mine & sharing_agency_ids(child)
    if not allowed:
        return []
    invitations = (
        Invitation.objects.filter(
            meeting__child=child, meeting__status__in=LIVE_STATUSES, agency_id__in=allowed
        )
        .select_related("meeting", "agency")
        .order_by("-meeting__starts_at", "-meeting_id", "agency_id")
    )
    reachable: dict[int, Invitation] = {}
    for invitation in invitations:
        invitation.meeting.child = child
        reachable.setdefault(invitation.meeting_id, invitation)
    return list(reachable.values())


@dataclass(frozen=True)
class Reader:
    """Who a meeting pack is for, which decides what it holds."""

    clinical: bool = False
    agency_id: int | None = None

    @property
    def is_partner(self) -> bool:
        return self.agency_id is not None


def pack_for(actor: Actor, meeting_id: int) -> tuple[FormulationMeeting, Reader]:
    """The meeting and who the pack is for; 404 (recorded) for anyone else. The
    download is audited."""
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise refuse(actor, None, "meeting pack")
    service_id = meeting.child.service_id
    if access.can_read_children_in(actor, service_id):
        reader = Reader(clinical=Role.PSYCHOLOGIST in actor.roles_in(service_id))
    else:
        agency_id = partner_agency_for(actor, meeting)
        if agency_id is None:
            raise refuse(actor, meeting.child_id, "meeting pack")
        reader = Reader(agency_id=agency_id)
    record_event(
        actor=actor,
        verb=Verb.DOWNLOAD_MEETING_PACK,
        child=meeting.child,
        object_type="meeting",
        object_id=meeting.pk,
        detail={"clinical": reader.clinical, "agency": reader.agency_id},
    )
    return meeting, reader


# Invitations: the invitee answers; the people who organise the meeting answer on
# someone's behalf (a grandparent who phoned, an agency that e-mailed).


def can_organise(actor: Actor, meeting: FormulationMeeting) -> bool:
    service_id = meeting.child.service_id
    return access.can_schedule_meetings_in(actor, service_id) or access.can_record_meeting(
        actor,
        service_id=service_id,
        chair_id=meeting.chair_id,
        case_manager_id=meeting.child.case_manager_id,
    )


def can_record(actor: Actor, meeting: FormulationMeeting) -> bool:
    return access.can_record_meeting(
        actor,
        service_id=meeting.child.service_id,
        chair_id=meeting.chair_id,
        case_manager_id=meeting.child.case_manager_id,
    )


@dataclass(frozen=True)
class InvitationAccess:
    invitation: Invitation
    own: bool  # the person's own invitation (or their agency's)
    on_behalf: bool  # an organiser answering for the invitee


def invitation_for(actor: Actor, invitation_id: int) -> InvitationAccess:
    invitation = (
        Invitation.objects.select_related(
            "meeting__child__service",
            "meeting__child__case_manager",
            "meeting__chair",
            "agency",
            "invitee",
            "responded_by",
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        raise refuse(actor, None, "meeting invitation")
    meeting = invitation.meeting
    service_id = meeting.child.service_id
    if access.can_read_children_in(actor, service_id):
        own = invitation.invitee_id == actor.id
        result = InvitationAccess(invitation, own, not own and can_organise(actor, meeting))
    elif (
        invitation.agency_id is not None
        and partner_agency_for(actor, meeting) == invitation.agency_id
    ):
        result = InvitationAccess(invitation, True, False)
    else:
        raise refuse(actor, meeting.child_id, "meeting invitation")
    record_event(
        actor=actor,
        verb=Verb.VIEW_MEETINGS,
        child=meeting.child,
        object_type="invitation",
        object_id=invitation.pk,
    )
    return result


def pending_invitations(actor: Actor) -> list[Invitation]:
    """Invitations to meetings from today on that the person has not answered: their
    own, and their agency's for children whose sharing consent names the agency. The
    children shown are recorded."""
    agency_ids = actor.agency_ids()
    theirs = Q(invitee=actor.user)
    if agency_ids:
        theirs |= Q(agency_id__in=agency_ids, meeting__child_id__in=shared_child_ids(agency_ids))
    start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    invitations = list(
        Invitation.objects.filter(
            theirs,
            response=Response.PENDING,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=start_of_today,
        )
        .select_related("meeting__child", "agency")
        .order_by("meeting__starts_at", "pk")
    )
    record_children_shown(
        actor=actor,
        children=list({i.meeting.child_id: i.meeting.child for i in invitations}.values()),
        context="home-meeting-invitations",
    )
    return invitations
