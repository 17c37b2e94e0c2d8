"""A service administrator changes their own service's settings in ECM itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.organisations.models import Service

SignIn = Callable[[User], Client]

VALUES: dict[str, Any] = {
    "name_cy": "Gwasanaeth Cyfiawnder Ieuenctid Prawf",
    "requires_second_signature": "yes",
    "enforcement_needs_sign_off": "no",
    "accepts_partner_referrals": "yes",
    "accepts_self_referrals": "no",
    "carer_consent_under_age": "14",
    "voluntary_review_weeks": "8",
    "version": "0",
}


@pytest.mark.django_db
def test_the_page_shows_the_service_as_saved(world: World, signed_in: SignIn) -> None:
    Service.objects.filter(pk=world.services[1].pk).update(carer_consent_under_age=15)
    response = signed_in(world.person("service_admin")).get(reverse("organisations:settings"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["carer_consent_under_age"] == 15
    assert form.initial["enforcement_needs_sign_off"] == "yes"
    assert 'value="15"' in response.content.decode()


@pytest.mark.django_db
def test_saving_changes_the_service_and_records_who_changed_what(
    world: World, signed_in: SignIn
) -> None:
    admin = world.person("service_admin")
    response = signed_in(admin).post(reverse("organisations:settings"), VALUES)
    assert response.status_code == 302
    service = Service.objects.get(pk=world.services[1].pk)
    assert service.name_cy == "Gwasanaeth Cyfiawnder Ieuenctid Prawf"
    assert service.requires_second_signature is True
    assert service.enforcement_needs_sign_off is False
    assert service.accepts_partner_referrals is True
    assert service.carer_consent_under_age == 14
    assert service.voluntary_review_weeks == 8
    assert service.settings_version == 1
    event = AuditEvent.objects.get(verb=Verb.UPDATE_SERVICE_SETTINGS)
    assert event.user_id == admin.pk
    assert event.service_id == service.pk
    assert event.detail["changed"]["voluntary_review_weeks"] == [6, 8]
    assert event.detail["changed"]["enforcement_needs_sign_off"] == [True, False]
    assert "accepts_self_referrals" not in event.detail["changed"]
    # The other service is untouched.
    other = Service.objects.get(pk=world.services[2].pk)
    assert other.voluntary_review_weeks == 6
    assert other.settings_version == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("voluntary_review_weeks", "0", "Enter a number of weeks from 1 to 26"),
        ("voluntary_review_weeks", "six", "Enter the number of weeks as a whole number, like 6"),
        ("carer_consent_under_age", "19", "Enter an age from 0 to 18"),
        ("carer_consent_under_age", "", "Enter an age from 0 to 18"),
        (
            "requires_second_signature",
            "",
            "Select yes if a formulation report needs a second psychologist&#x27;s signature",
        ),
    ],
)
def test_bad_values_are_explained_at_the_field_and_kept(
    world: World, signed_in: SignIn, field: str, value: str, message: str
) -> None:
    response = signed_in(world.person("service_admin")).post(
        reverse("organisations:settings"), {**VALUES, field: value}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert message in html
    assert 'value="Gwasanaeth Cyfiawnder Ieuenctid Prawf"' in html
    if value:
        assert f'value="{value}"' in html
    assert Service.objects.get(pk=world.services[1].pk).settings_version == 0
    assert not AuditEvent.objects.filter(verb=Verb.UPDATE_SERVICE_SETTINGS).exists()


@pytest.mark.django_db
def test_two_administrators_at_once_meet_a_conflict_not_a_silent_overwrite(
    world: World, signed_in: SignIn
) -> None:
    client = signed_in(world.person("service_admin"))
    # Someone else saved while this person was choosing.
    Service.objects.filter(pk=world.services[1].pk).update(
        settings_version=1, voluntary_review_weeks=4
    )
    response = client.post(reverse("organisations:settings"), VALUES)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed the service" in html
    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict"]}
    assert rows["How often is voluntary engagement reviewed, in weeks?"] == ("4", "8")
    assert 'value="8"' in html  # nothing typed is lost
    service = Service.objects.get(pk=world.services[1].pk)
    assert service.voluntary_review_weeks == 4
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, object_type="service").exists()
    # Saving again, deliberately, replaces the other person's version.
    assert response.context["form"]["version"].value() == "1"
    again = client.post(reverse("organisations:settings"), {**VALUES, "version": "1"})
    assert again.status_code == 302
    assert Service.objects.get(pk=world.services[1].pk).voluntary_review_weeks == 8


@pytest.mark.django_db
def test_the_setting_takes_effect_in_the_work(world: World, signed_in: SignIn) -> None:
    """Switching off enforcement sign-off is what the compliance pathway reads."""
    signed_in(world.person("service_admin")).post(reverse("organisations:settings"), VALUES)
    child = world.child(1)
    child.refresh_from_db()
    assert child.service.enforcement_needs_sign_off is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", ["case_manager", "psychologist", "team_manager", "senior_manager", "partner"]
)
def test_only_service_administrators_change_settings(
    world: World, signed_in: SignIn, role: str
) -> None:
    response = signed_in(world.person(role)).post(reverse("organisations:settings"), VALUES)
    assert response.status_code == 403
    assert Service.objects.get(pk=world.services[1].pk).settings_version == 0
