"""Formulation meetings in the "Shared with your agency" block of a shared child's
record: a link to each invitation page a partner agency worker may open (their
agency's invitation to a scheduled or held meeting, while a sharing consent in force
names the agency), where their agency's meeting pack is; never a link that would 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World
from ecm.consent.tests.factories import consent, withdraw
from ecm.core.access import load_actor
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingStatus
from ecm.meetings.queries import partner_invitations
from ecm.meetings.tests.factories import invite_agency, meeting

SignIn = Callable[[User], Client]
pytestmark = pytest.mark.django_db


def _invitation_link(invitation: Invitation) -> str:
    return f'href="{reverse("meetings:invitation", args=[invitation.pk])}"'


def _meetings(world: World, child: Child) -> dict[str, FormulationMeeting]:
    """A scheduled, a held and a cancelled meeting of the child."""
    chair = world.person("psychologist")
    now = timezone.now()
    return {
        "scheduled": meeting(child, chair=chair, starts_at=now + timedelta(days=7)),
        "held": meeting(
            child,
            chair=chair,
            starts_at=now - timedelta(days=30),
            status=MeetingStatus.HELD,
            welsh_offered=True,
            language_used="en",
        ),
        "cancelled": meeting(
            child, chair=chair, starts_at=now + timedelta(days=3), status=MeetingStatus.CANCELLED
        ),
    }


def _shared(world: World) -> Child:
    child = world.child(1, legal_first_name="Seren")
    consent(child, "sharing", agencies=[world.agencies[1]])
    return child


def test_a_link_to_each_invitation_of_a_scheduled_or_held_meeting_not_a_cancelled_one(
    world: World, signed_in: SignIn
) -> None:
    child = _shared(world)
    invited = {
        status: invite_agency(made, world.agencies[1])
        for status, made in _meetings(world, child).items()
    }
    partner = signed_in(world.person("partner"))
    page = partner.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "Shared with your agency" in page
    assert "Formulation meetings" in page
    assert "meeting pack is on each invitation page" in page
    assert _invitation_link(invited["scheduled"]) in page
    assert _invitation_link(invited["held"]) in page
    assert _invitation_link(invited["cancelled"]) not in page
    # Newest first, each with its state.
    assert page.index(_invitation_link(invited["scheduled"])) < page.index(
        _invitation_link(invited["held"])
    )
    assert "Scheduled" in page
    assert "Held" in page
    # Each link opens (with the pack on it); the cancelled one would not.
    assert not AuditEvent.objects.filter(verb=Verb.VIEW_MEETINGS).exists()
    for status in ("scheduled", "held"):
        opened = partner.get(reverse("meetings:invitation", args=[invited[status].pk]))
        assert opened.status_code == 200, status
        pack = reverse("meetings:pack", args=[invited[status].meeting_id])
        assert pack in opened.content.decode()
    cancelled = reverse("meetings:invitation", args=[invited["cancelled"].pk])
    assert partner.get(cancelled).status_code == 404


def test_no_link_for_an_invitation_by_name_which_the_partner_cannot_open(
    world: World, signed_in: SignIn
) -> None:
    child = _shared(world)
    made = _meetings(world, child)["scheduled"]
    named = Invitation.objects.create(meeting=made, invitee=world.person("partner"))
    partner = signed_in(world.person("partner"))
    page = partner.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert _invitation_link(named) not in page
    assert partner.get(reverse("meetings:invitation", args=[named.pk])).status_code == 404


def test_no_link_for_other_agencies_invitations_or_without_consent(world: World) -> None:
    child = _shared(world)
    made = _meetings(world, child)["scheduled"]
    other = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    invite_agency(made, other)
    actor = load_actor(world.person("partner"))
    assert partner_invitations(actor, child) == []
    ours = invite_agency(made, world.agencies[1])
    assert partner_invitations(actor, child) == [ours]
    record = child.consents.get(purpose="sharing")
    record.agencies.set([other])
    assert partner_invitations(actor, child) == []
    record.agencies.set([world.agencies[1]])
    withdraw(record, timezone.localdate() - timedelta(days=1))
    assert partner_invitations(actor, child) == []
    assert not AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).exists()


def test_staff_readers_do_not_get_the_partner_block(world: World, signed_in: SignIn) -> None:
    child = _shared(world)
    invited = invite_agency(_meetings(world, child)["scheduled"], world.agencies[1])
    staff_invitation = Invitation.objects.create(
        meeting=invited.meeting, invitee=world.person("case_manager")
    )
    for role in ("case_manager", "psychologist", "team_manager", "senior_manager"):
        assert partner_invitations(load_actor(world.person(role)), child) == [], role
        page = (
            signed_in(world.person(role))
            .get(reverse("children:detail", args=[child.pk]))
            .content.decode()
        )
        assert "Shared with your agency" not in page, role
        assert _invitation_link(invited) not in page, role
        assert _invitation_link(staff_invitation) not in page, role
