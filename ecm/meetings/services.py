"""Writes for formulation meetings: permission checked, one transaction, audited.

Audit details hold ids and counts, never the names of people without an account
or anything said at the meeting.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.episodes.models import Episode
from ecm.meetings.models import (
    FormulationMeeting,
    Invitation,
    MeetingAction,
    MeetingStatus,
    Response,
)
from ecm.meetings.queries import can_organise, can_record
from ecm.organisations.models import Membership, PartnerAgency
from ecm.reminders.services import remind


class MeetingConflict(Exception):
    """Someone else saved the meeting after this form was opened."""

    def __init__(self, current: FormulationMeeting) -> None:
        super().__init__("edit conflict")
        self.current = current


class NotScheduled(Exception):
    """The meeting is no longer scheduled (cancelled)."""


def _is_chair_candidate(user: User, service_id: int) -> bool:
    return Membership.objects.filter(
        user=user, service_id=service_id, role__in=access.MEETING_CHAIRS, is_active=True
    ).exists()


def _invite(
    *,
    meeting: FormulationMeeting,
    agencies: Iterable[PartnerAgency],
    people: Iterable[User],
    names: Iterable[tuple[str, str]],
) -> list[Invitation]:
    service_id = meeting.child.service_id
    if any(agency.service_id != service_id for agency in agencies):
        raise PermissionDenied
    staff = set(
        Membership.objects.filter(
            service_id=service_id, role__in=access.CHILD_RECORD_READERS, is_active=True
        ).values_list("user_id", flat=True)
    )
    if any(person.pk not in staff for person in people):
        raise PermissionDenied
    already = Invitation.objects.filter(meeting=meeting)
    agency_ids = set(already.exclude(agency=None).values_list("agency_id", flat=True))
    person_ids = set(already.exclude(invitee=None).values_list("invitee_id", flat=True))
    rows = [Invitation(meeting=meeting, agency=a) for a in agencies if a.pk not in agency_ids]
    rows += [Invitation(meeting=meeting, invitee=p) for p in people if p.pk not in person_ids]
    rows += [Invitation(meeting=meeting, name=name, role_note=note) for name, note in names]
    return Invitation.objects.bulk_create(rows)


def _invited_detail(invitations: list[Invitation]) -> dict[str, Any]:
    return {
        "agencies": sorted(i.agency_id for i in invitations if i.agency_id is not None),
        "people": sorted(i.invitee_id for i in invitations if i.invitee_id is not None),
        "named": sum(1 for i in invitations if i.agency_id is None and i.invitee_id is None),
    }


def schedule_meeting(
    *,
    actor: Actor,
    child: Child,
    starts_at: datetime,
    place: str,
    online: bool,
    chair: User,
    episode: Episode | None,
    agencies: Iterable[PartnerAgency] = (),
    people: Iterable[User] = (),
    names: Iterable[tuple[str, str]] = (),
    submission: uuid.UUID | None = None,
) -> FormulationMeeting:
    """A new meeting with its first invitations; a form sent twice creates one."""
    if not access.can_schedule_meetings_in(actor, child.service_id):
        raise PermissionDenied
    if not _is_chair_candidate(chair, child.service_id):
        raise PermissionDenied
    if episode is not None and (episode.child_id != child.pk or not episode.is_open):
        raise PermissionDenied
    if submission is not None:
        done = FormulationMeeting.objects.filter(submission=submission, child=child).first()
        if done is not None:
            return done
    with transaction.atomic():
        meeting = FormulationMeeting.objects.create(
            child=child,
            episode=episode,
            starts_at=starts_at,
            place=place.strip(),
            online=online,
            chair=chair,
            scheduled_by=actor.user,
            submission=submission,
        )
        meeting.child = child
        invitations = _invite(meeting=meeting, agencies=agencies, people=people, names=names)
        record_event(
            actor=actor,
            verb=Verb.SCHEDULE_MEETING,
            child=child,
            object_type="meeting",
            object_id=meeting.pk,
            detail={"chair": chair.pk, "episode": episode.pk if episode else None}
            | _invited_detail(invitations),
        )
    return meeting


def invite(
    *,
    actor: Actor,
    meeting: FormulationMeeting,
    agencies: Iterable[PartnerAgency] = (),
    people: Iterable[User] = (),
    names: Iterable[tuple[str, str]] = (),
) -> list[Invitation]:
    if not can_organise(actor, meeting):
        raise PermissionDenied
    with transaction.atomic():
        locked = FormulationMeeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.status != MeetingStatus.SCHEDULED:
            raise NotScheduled
        invitations = _invite(meeting=meeting, agencies=agencies, people=people, names=names)
        record_event(
            actor=actor,
            verb=Verb.INVITE_TO_MEETING,
            child=meeting.child,
            object_type="meeting",
            object_id=meeting.pk,
            detail=_invited_detail(invitations),
        )
        transaction.on_commit(lambda: _tell_invitees(invitations))
    return invitations


def _tell_invitees(invitations: list[Invitation]) -> None:
    """Named staff invitees hear of it on their home page and by e-mail (a link only)."""
    for invitation in invitations:
        if invitation.invitee is not None:
            remind(
                user=invitation.invitee,
                subject="You are invited to a formulation meeting",
                link=reverse("meetings:invitation", args=[invitation.pk]),
                key=f"meeting-invitation:{invitation.pk}",
            )


def answer_invitation(
    *, actor: Actor, invitation: Invitation, response: str, own: bool, on_behalf: bool
) -> Invitation:
    """The invitee's answer, or an organiser's note of it. `own` and `on_behalf` come
    from queries.invitation_for, which checked them."""
    if not (own or on_behalf) or response not in (Response.CONFIRMED, Response.APOLOGIES):
        raise PermissionDenied
    meeting = invitation.meeting
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(
            response=response, responded_at=timezone.now(), responded_by=actor.user
        )
        record_event(
            actor=actor,
            verb=Verb.ANSWER_INVITATION,
            child=meeting.child,
            object_type="invitation",
            object_id=invitation.pk,
            detail={"response": response, "on_behalf": on_behalf and not own},
        )
    invitation.refresh_from_db()
    return invitation


def record_meeting(
    *,
    actor: Actor,
    meeting: FormulationMeeting,
    attendance: dict[int, bool | None],
    notes: str,
    welsh_offered: bool | None,
    language_used: str,
    held: bool,
    expected_version: int,
) -> FormulationMeeting:
    """Attendance, notes and the language of the meeting; with `held`, the meeting is
    marked as held (the form has checked the language fields are given)."""
    if not can_record(actor, meeting):
        raise PermissionDenied
    if held and (welsh_offered is None or not language_used):
        raise ValueError("A held meeting needs the language fields")
    with transaction.atomic():
        current = FormulationMeeting.objects.select_for_update().get(pk=meeting.pk)
        stale = current.version != expected_version
        if current.status == MeetingStatus.CANCELLED:
            raise NotScheduled
        if not stale:
            _save_record(
                actor=actor,
                meeting=meeting,
                attendance=attendance,
                changes={
                    "notes": notes,
                    "welsh_offered": welsh_offered,
                    "language_used": language_used,
                    "status": MeetingStatus.HELD if held else current.status,
                },
                expected_version=expected_version,
            )
    if stale:
        record_event(
            actor=actor,
            verb=Verb.EDIT_CONFLICT,
            child=meeting.child,
            object_type="meeting",
            object_id=meeting.pk,
            detail={"expected_version": expected_version, "current_version": current.version},
        )
        raise MeetingConflict(current)
    updated = FormulationMeeting.objects.get(pk=meeting.pk)
    updated.child = meeting.child
    return updated


def _save_record(
    *,
    actor: Actor,
    meeting: FormulationMeeting,
    attendance: dict[int, bool | None],
    changes: dict[str, Any],
    expected_version: int,
) -> None:
    FormulationMeeting.objects.filter(pk=meeting.pk).update(
        **changes, version=F("version") + 1, updated_at=timezone.now()
    )
    changed = []
    for invitation in Invitation.objects.filter(meeting=meeting, pk__in=attendance):
        if invitation.attended != attendance[invitation.pk]:
            invitation.attended = attendance[invitation.pk]
            changed.append(invitation)
    Invitation.objects.bulk_update(changed, ["attended"])
    record_event(
        actor=actor,
        verb=Verb.RECORD_MEETING,
        child=meeting.child,
        object_type="meeting",
        object_id=meeting.pk,
        detail={
            "held": changes["status"] == MeetingStatus.HELD,
            "attended": sum(1 for v in attendance.values() if v),
            "absent": sum(1 for v in attendance.values() if v is False),
            "version": expected_version + 1,
        },
    )


def add_action(
    *,
    actor: Actor,
    meeting: FormulationMeeting,
    description: str,
    owner: User | None,
    owner_name: str,
    due_on: Any,
) -> MeetingAction:
    if not can_record(actor, meeting):
        raise PermissionDenied
    with transaction.atomic():
        action = MeetingAction.objects.create(
            meeting=meeting,
            description=description.strip(),
            owner=owner,
            owner_name="" if owner else owner_name.strip(),
            due_on=due_on,
            recorded_by=actor.user,
        )
        record_event(
            actor=actor,
            verb=Verb.RECORD_MEETING_ACTION,
            child=meeting.child,
            object_type="meeting_action",
            object_id=action.pk,
            detail={"meeting": meeting.pk, "owner": owner.pk if owner else None},
        )
    return action


def mark_action_done(*, actor: Actor, action: MeetingAction, done: bool) -> None:
    meeting = action.meeting
    if not can_record(actor, meeting):
        raise PermissionDenied
    with transaction.atomic():
        MeetingAction.objects.filter(pk=action.pk).update(done=done)
        record_event(
            actor=actor,
            verb=Verb.RECORD_MEETING_ACTION,
            child=meeting.child,
            object_type="meeting_action",
            object_id=action.pk,
            detail={"meeting": meeting.pk, "done": done},
        )


def cancel_meeting(*, actor: Actor, meeting: FormulationMeeting) -> None:
    if not can_organise(actor, meeting):
        raise PermissionDenied
    with transaction.atomic():
        cancelled = FormulationMeeting.objects.filter(
            pk=meeting.pk, status=MeetingStatus.SCHEDULED
        ).update(status=MeetingStatus.CANCELLED, version=F("version") + 1)
        if not cancelled:
            raise NotScheduled
        record_event(
            actor=actor,
            verb=Verb.CANCEL_MEETING,
            child=meeting.child,
            object_type="meeting",
            object_id=meeting.pk,
        )
