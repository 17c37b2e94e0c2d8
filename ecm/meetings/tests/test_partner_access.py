"""A partner agency worker reaches a meeting only while a sharing consent in force
names their agency AND their agency is invited; otherwise 404, and the attempt is
audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, sign_in
from ecm.consent.tests.factories import consent, withdraw
from ecm.core.access import load_actor
from ecm.meetings.models import Invitation, MeetingStatus
from ecm.meetings.queries import is_invited
from ecm.meetings.tests.factories import invite_agency, meeting, shared_meeting

STAFF_ONLY = (
    "meetings:detail",
    "meetings:record",
    "meetings:invite",
    "meetings:action-add",
    "meetings:tier",
    "meetings:cancel",
)


def _refusals(child_id: int | None) -> int:
    return AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=child_id).count()


@pytest.mark.django_db
def test_an_invited_partner_with_consent_answers_and_downloads_their_pack(world: World) -> None:
    made = shared_meeting(world)
    invited = made.invitations.get()
    partner = sign_in(Client(), world.person("partner"))
    home = partner.get(reverse("core:home")).content.decode()
    assert "Meetings you are invited to" in home
    assert reverse("meetings:invitation", args=[invited.pk]) in home
    page = partner.get(reverse("meetings:invitation", args=[invited.pk]))
    assert page.status_code == 200
    response = partner.post(
        reverse("meetings:invitation", args=[invited.pk]), {"response": "confirmed"}
    )
    assert response["Location"] == reverse("meetings:invitation", args=[invited.pk])
    invited.refresh_from_db()
    assert invited.response == "confirmed"
    assert invited.responded_by == world.person("partner")
    pack = partner.get(reverse("meetings:pack", args=[made.pk]))
    assert pack.status_code == 200
    assert pack["Content-Type"] == "application/pdf"
    assert str(made.child.legal_first_name) not in pack["Content-Disposition"]
    event = AuditEvent.objects.get(verb=Verb.DOWNLOAD_MEETING_PACK)
    assert event.role == "partner"
    assert event.detail == {"clinical": False, "agency": world.agencies[1].pk}
    for name in STAFF_ONLY:
        assert partner.get(reverse(name, args=[made.pk])).status_code == 404, name
    assert partner.get(reverse("meetings:child", args=[made.child_id])).status_code == 404
    assert _refusals(made.child_id) == len(STAFF_ONLY) + 1


@pytest.mark.django_db
def test_a_partner_from_an_agency_without_consent_sees_nothing_and_is_audited(
    world: World,
) -> None:
    child = world.child(1, legal_first_name="Gwenllian")
    other_agency = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    consent(child, "sharing", agencies=[other_agency])
    made = meeting(child)
    invited = invite_agency(made, world.agencies[1])  # invited, but no consent names it
    partner = sign_in(Client(), world.person("partner"))
    assert is_invited(world.person("partner"), child)
    home = partner.get(reverse("core:home")).content.decode()
    assert "Gwenllian" not in home
    assert "Meetings you are invited to" not in home
    for url in (
        reverse("meetings:invitation", args=[invited.pk]),
        reverse("meetings:pack", args=[made.pk]),
        reverse("meetings:detail", args=[made.pk]),
        reverse("trm:history", args=[child.pk]),
    ):
        response = partner.get(url)
        assert response.status_code == 404, url
        assert "Gwenllian" not in response.content.decode()
    posted = partner.post(
        reverse("meetings:invitation", args=[invited.pk]), {"response": "confirmed"}
    )
    assert posted.status_code == 404
    invited.refresh_from_db()
    assert invited.response == "pending"
    assert _refusals(child.pk) == 5
    event = AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).first()
    assert event is not None
    assert event.username == "partner-1"
    assert event.role == "partner"
    assert "Gwenllian" not in str(event.detail) + event.reason
    assert not AuditEvent.objects.filter(verb=Verb.DOWNLOAD_MEETING_PACK).exists()


@pytest.mark.django_db
def test_consent_without_an_invitation_is_not_enough(world: World) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])
    made = meeting(child)
    Invitation.objects.create(meeting=made, name="Eirlys Jones")
    partner = sign_in(Client(), world.person("partner"))
    assert not is_invited(load_actor(world.person("partner")), child)
    assert partner.get(reverse("meetings:pack", args=[made.pk])).status_code == 404
    assert _refusals(child.pk) == 1


@pytest.mark.django_db
def test_withdrawn_consent_or_a_cancelled_meeting_closes_the_door(world: World) -> None:
    made = shared_meeting(world)
    record = made.child.consents.get()
    partner = sign_in(Client(), world.person("partner"))
    pack = reverse("meetings:pack", args=[made.pk])
    assert partner.get(pack).status_code == 200
    withdraw(record, timezone.localdate())
    assert partner.get(pack).status_code == 404
    again = shared_meeting(world)
    assert partner.get(reverse("meetings:pack", args=[again.pk])).status_code == 200
    again.status = MeetingStatus.CANCELLED
    again.save()
    assert partner.get(reverse("meetings:pack", args=[again.pk])).status_code == 404
    assert not is_invited(world.person("partner"), again.child)


@pytest.mark.django_db
def test_another_services_partner_and_unknown_ids_are_refused_and_audited(world: World) -> None:
    made = shared_meeting(world)
    other = sign_in(Client(), world.person("partner", 2))
    assert other.get(reverse("meetings:pack", args=[made.pk])).status_code == 404
    assert (
        other.get(reverse("meetings:invitation", args=[made.invitations.get().pk])).status_code
        == 404
    )
    assert _refusals(made.child_id) == 2
    assert other.get(reverse("meetings:pack", args=[987654])).status_code == 404
    assert _refusals(None) == 1


@pytest.mark.django_db
def test_consent_not_yet_in_force_is_not_enough(world: World) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]], given_on=date(2099, 1, 1))
    made = meeting(child)
    invite_agency(made, world.agencies[1])
    partner = sign_in(Client(), world.person("partner"))
    assert partner.get(reverse("meetings:pack", args=[made.pk])).status_code == 404
