"""The meetings demo: held meetings with attendance tailing off, tiers over time,
meetings to come that the demo partner can answer, and one they cannot see."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.conftest import sign_in
from ecm.consent import demo as consent_demo
from ecm.core.access import load_actor
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.meetings import attendance, demo
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.meetings.queries import pending_invitations
from ecm.organisations.models import Service
from ecm.trm.models import TierAssessment


@pytest.mark.django_db
def test_demo_meetings_are_realistic_and_idempotent() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    consent_demo.load_demo(service, demo_service.number)
    created = demo.load_demo(service, demo_service.number)
    assert created > 60
    assert demo.load_demo(service, demo_service.number) == 0

    children = list(Child.objects.filter(service=service).order_by("local_reference"))
    first = children[consent_demo.SHARED_WITH_PARTNER[0]]
    tiers = TierAssessment.objects.filter(child=first).order_by("assessed_on")
    assert [t.tier.number for t in tiers.select_related("tier")] == [1, 2, 1]
    assert all(t.meeting_id for t in tiers)
    held = FormulationMeeting.objects.filter(child__service=service, status=MeetingStatus.HELD)
    assert held.count() >= 12
    assert all(m.language_used and m.welsh_offered is not None for m in held)

    manager = load_actor(User.objects.get(username="team-manager-1"))
    (figures,) = attendance.attendance_for(manager)
    assert figures.total.trend == "falling"

    partner_user = User.objects.get(username="partner-1")
    partner = load_actor(partner_user)
    pending = pending_invitations(partner)
    shared = {children[i].pk for i in consent_demo.SHARED_WITH_PARTNER}
    assert {i.meeting.child_id for i in pending} <= shared
    assert len(pending) == 2
    client = sign_in(Client(), partner_user)
    pack = client.get(reverse("meetings:pack", args=[pending[0].meeting_id]))
    assert pack.status_code == 200
    hidden = FormulationMeeting.objects.get(child=children[demo.NOT_SHARED_WITH_PARTNER])
    invitation = hidden.invitations.get(agency=partner.memberships[0].agency)
    assert client.get(reverse("meetings:pack", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("meetings:invitation", args=[invitation.pk])).status_code == 404
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("meetings:invitation", args=[invitation.pk]) not in home
    assert reverse("meetings:invitation", args=[pending[0].pk]) in home
