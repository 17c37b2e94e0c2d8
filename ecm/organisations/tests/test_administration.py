"""Service administrators manage people and teams of their own service only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.organisations.models import Membership, Team

SignIn = Callable[[User], Client]


@pytest.mark.django_db
def test_add_a_person_sends_a_link_to_set_a_password(  # type: ignore[no-untyped-def]
    world: World,
    signed_in: SignIn,
    mailoutbox,
    django_capture_on_commit_callbacks,
) -> None:
    client = signed_in(world.person("service_admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisations:person-add"),
            {
                "full_name": "Dafydd Penhallow",
                "username": "dafydd-penhallow",
                "email": "dafydd@example.org",
                "language": "cy",
                "role": "case_manager",
                "team": world.teams[1].pk,
                "agency": "",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="dafydd-penhallow")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).service == world.services[1]
    assert len(mailoutbox) == 1
    assert "/password/set/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(verb=Verb.CREATE_USER, object_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_partner_needs_an_agency_and_values_are_kept(world: World, signed_in: SignIn) -> None:
    client = signed_in(world.person("service_admin"))
    response = client.post(
        reverse("organisations:person-add"),
        {
            "full_name": "Iola Cadwgan",
            "username": "iola",
            "email": "not-an-email",
            "language": "en",
            "role": "partner",
        },
    )
    page = response.content.decode()
    assert "Select the partner agency the person works for" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="Iola Cadwgan"' in page
    assert not User.objects.filter(username="iola").exists()


@pytest.mark.django_db
def test_ending_the_last_role_stops_sign_in(world: World, signed_in: SignIn) -> None:
    person = world.person("case_manager")
    membership = Membership.objects.get(user=person)
    client = signed_in(world.person("service_admin"))
    response = client.post(
        reverse("organisations:person-change", args=[membership.pk]),
        {"role": "case_manager", "team": "", "agency": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active


@pytest.mark.django_db
def test_teams_are_added_and_renamed_within_the_service(world: World, signed_in: SignIn) -> None:
    client = signed_in(world.person("service_admin"))
    client.post(reverse("organisations:team-add"), {"name": "Prevention"})
    team = Team.objects.get(name="Prevention")
    assert team.service == world.services[1]
    clash = client.post(reverse("organisations:team-add"), {"name": "prevention"})
    assert "already has a team with this name" in clash.content.decode()
    client.post(reverse("organisations:team-change", args=[team.pk]), {"name": "Early help"})
    team.refresh_from_db()
    assert team.name == "Early help"
    other = world.teams[2]
    response = client.post(reverse("organisations:team-change", args=[other.pk]), {"name": "X"})
    assert response.status_code == 404


@pytest.mark.django_db
def test_figures_are_counts_only(world: World, signed_in: SignIn) -> None:
    world.child(1, legal_first_name="Tirion")
    page = signed_in(world.person("evaluator")).get(reverse("organisations:figures"))
    text = page.content.decode()
    assert "Tirion" not in text
    assert "Test Service 1" in text
    assert "Test Service 2" not in text


@pytest.mark.django_db
def test_reset_second_factor_in_own_service_only(world: World, signed_in: SignIn) -> None:
    from django.utils import timezone

    from ecm.accounts.models import TOTPDevice

    person = world.person("case_manager", 1)
    TOTPDevice.objects.create(user=person, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now())
    admin = signed_in(world.person("service_admin", 1))
    other = Membership.objects.get(user=world.person("case_manager", 2))
    url = "organisations:person-reset-mfa"
    assert admin.post(reverse(url, args=[other.pk])).status_code == 404
    own = Membership.objects.get(user=person)
    assert admin.post(reverse(url, args=[own.pk])).status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert AuditEvent.objects.filter(verb=Verb.RESET_MFA, object_id=str(person.pk)).exists()
