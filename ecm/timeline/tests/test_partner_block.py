"""The life timeline in the "Shared with your agency" block of a shared child's record:
a link to the agency's timeline events exactly when the partner agency worker may
contribute (a sharing consent in force naming their agency AND an invitation to a
scheduled or held meeting of the child), never otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

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
from ecm.meetings.models import Invitation, MeetingStatus
from ecm.timeline.queries import partner_contributes
from ecm.timeline.tests.factories import invite

SignIn = Callable[[User], Client]
pytestmark = pytest.mark.django_db


def _shared(world: World) -> Child:
    child = world.child(1, legal_first_name="Seren")
    consent(child, "sharing", agencies=[world.agencies[1]])
    return child


def _link(child: Child) -> str:
    return f'href="{reverse("timeline:list", args=[child.pk])}"'


def _page(client: Client, child: Child) -> str:
    response = client.get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("status", [MeetingStatus.SCHEDULED, MeetingStatus.HELD])
def test_an_invited_partner_with_consent_gets_the_link_and_it_opens(
    world: World, signed_in: SignIn, status: MeetingStatus
) -> None:
    child = _shared(world)
    held = {"welsh_offered": True, "language_used": "en"} if status == "held" else {}
    invite(child, world.agencies[1], world.person("psychologist"), status=status, **held)
    partner = signed_in(world.person("partner"))
    page = _page(partner, child)
    assert "Shared with your agency" in page
    assert _link(child) in page
    assert "See and add your agency's timeline events" in page
    assert not AuditEvent.objects.filter(verb=Verb.VIEW_TIMELINE).exists()
    assert partner.get(reverse("timeline:list", args=[child.pk])).status_code == 200


def test_a_partner_invited_by_name_gets_the_link_too(world: World, signed_in: SignIn) -> None:
    child = _shared(world)
    made = invite(child, world.agencies[1], world.person("psychologist")).meeting
    Invitation.objects.filter(meeting=made).delete()
    Invitation.objects.create(meeting=made, invitee=world.person("partner"))
    partner = signed_in(world.person("partner"))
    assert _link(child) in _page(partner, child)
    assert partner.get(reverse("timeline:list", args=[child.pk])).status_code == 200


def test_no_link_without_an_invitation_to_a_scheduled_or_held_meeting(
    world: World, signed_in: SignIn
) -> None:
    child = _shared(world)
    partner = signed_in(world.person("partner"))
    assert _link(child) not in _page(partner, child)
    invite(
        child,
        world.agencies[1],
        world.person("psychologist"),
        status=MeetingStatus.CANCELLED,
    )
    page = _page(partner, child)
    assert _link(child) not in page
    assert "For now, only these key facts about" in page
    assert partner.get(reverse("timeline:list", args=[child.pk])).status_code == 404
    # Only the timeline page recorded a refusal, not the record page.
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).count() == 1


def test_no_link_without_a_consent_in_force_naming_the_agency(world: World) -> None:
    child = _shared(world)
    invite(child, world.agencies[1], world.person("psychologist"))
    actor = load_actor(world.person("partner"))
    assert partner_contributes(actor, child)
    record = child.consents.get(purpose="sharing")
    other = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    record.agencies.set([other])
    assert not partner_contributes(actor, child)
    record.agencies.set([world.agencies[1]])
    withdraw(record, timezone.localdate() - timedelta(days=1))
    assert not partner_contributes(actor, child)
    # A consent given later than today is not in force either.
    consent(child, "sharing", agencies=[world.agencies[1]], given_on=date(2099, 1, 1))
    assert not partner_contributes(actor, child)
    assert not AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).exists()


def test_staff_readers_do_not_get_the_partner_block(world: World, signed_in: SignIn) -> None:
    child = _shared(world)
    invite(child, world.agencies[1], world.person("psychologist"))
    for role in ("case_manager", "psychologist", "team_manager", "senior_manager"):
        assert not partner_contributes(load_actor(world.person(role)), child), role
        page = _page(signed_in(world.person(role)), child)
        assert "Shared with your agency" not in page, role
        assert "See and add your agency" not in page, role
