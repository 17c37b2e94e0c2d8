"""Family and carers through HTTP: list, add, change, conflicts, bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, sign_in
from ecm.consent.models import RelatedPerson
from ecm.consent.tests.factories import person

SignIn = Callable[[User], Client]


def person_post(**overrides: str) -> dict[str, str]:
    values = {
        "full_name": "Mererid Bowen",
        "relationship": "grandparent",
        "relationship_other": "",
        "has_parental_responsibility": "no",
        "phone": "01234 567890",
        "email": "",
        "address": "1 Heol y Dwr",
        "language": "cy",
        "language_other": "",
        "language_asked_on_day": "2",
        "language_asked_on_month": "9",
        "language_asked_on_year": "2026",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_family_page_lists_people_for_readers(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    person(child, full_name="Carys Jones", language="other", language_other="Polish")
    page = signed_in(world.person("senior_manager")).get(reverse("consent:family", args=[child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Carys Jones" in text
    assert "Polish" in text
    assert "Add a parent or carer" not in text
    assert AuditEvent.objects.filter(verb=Verb.VIEW_FAMILY, child_id=child.pk).exists()


@pytest.mark.django_db
def test_add_a_carer(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    form = client.get(reverse("consent:person-add", args=[child.pk])).content.decode()
    assert 'name="submission"' in form
    values = person_post(submission="5a4cf2f0-1d0e-4a55-9d4d-7f5b8e0c9a01")
    response = client.post(reverse("consent:person-add", args=[child.pk]), values)
    assert response.status_code == 302
    # The same form sent twice adds one person.
    client.post(reverse("consent:person-add", args=[child.pk]), values)
    added = RelatedPerson.objects.get(child=child)
    assert added.full_name == "Mererid Bowen"
    assert added.has_parental_responsibility is False
    assert added.recorded_by == world.person("case_manager")
    assert AuditEvent.objects.filter(verb=Verb.ADD_RELATED_PERSON, child_id=child.pk).count() == 1


@pytest.mark.django_db
def test_bad_input_is_explained_and_kept(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    response = client.post(
        reverse("consent:person-add", args=[child.pk]),
        person_post(
            full_name="",
            relationship="other",
            email="not-an-address",
            language="other",
            language_asked_on_month="13",
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter the person&#x27;s full name" in text
    assert "Describe who the person is to the child" in text
    assert "Enter an email address in the correct format" in text
    assert "Enter the language the person prefers" in text
    assert "Date the person was asked must be a real date" in text
    assert 'value="not-an-address"' in text
    assert "1 Heol y Dwr" in text
    assert not RelatedPerson.objects.exists()


@pytest.mark.django_db
def test_change_a_carers_details(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    carer = person(child)
    client = signed_in(world.person("team_manager"))
    url = reverse("consent:person-change", args=[child.pk, carer.pk])
    assert 'value="Carys Jones"' in client.get(url).content.decode()
    response = client.post(url, person_post(full_name="Carys Jones", version="1"))
    assert response.status_code == 302
    carer.refresh_from_db()
    assert carer.version == 2
    assert carer.relationship == "grandparent"
    event = AuditEvent.objects.get(verb=Verb.UPDATE_RELATED_PERSON, child_id=child.pk)
    assert "relationship" in event.detail["fields"]


@pytest.mark.django_db
def test_two_editors_never_silently_overwrite_each_other(world: World) -> None:
    child = world.child(1)
    carer = person(child)
    first = sign_in(Client(), world.person("case_manager"))
    second = sign_in(Client(), world.person("team_manager"))
    url = reverse("consent:person-change", args=[child.pk, carer.pk])
    assert first.post(url, person_post(phone="07700 900001", version="1")).status_code == 302
    clash = second.post(url, person_post(phone="07700 900002", version="1"))
    text = clash.content.decode()
    assert clash.status_code == 409
    assert "Someone else changed these details" in text
    assert "07700 900001" in text
    assert "07700 900002" in text
    assert 'name="version" value="2"' in text
    carer.refresh_from_db()
    assert carer.phone == "07700 900001"
    again = second.post(url, person_post(phone="07700 900002", version="2"))
    assert again.status_code == 302
    carer.refresh_from_db()
    assert carer.phone == "07700 900002"
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, child_id=child.pk).count() == 1


@pytest.mark.django_db
def test_only_editors_of_the_childs_service_add_or_change(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    carer = person(child)
    psychologist = signed_in(world.person("psychologist"))
    assert (
        psychologist.post(reverse("consent:person-add", args=[child.pk]), person_post()).status_code
        == 403
    )
    url = reverse("consent:person-change", args=[child.pk, carer.pk])
    assert psychologist.post(url, person_post(version="1")).status_code == 403
    other = sign_in(Client(), world.person("case_manager", 2))
    assert other.post(url, person_post(version="1")).status_code == 404
    # A person of another child is not found under this child's address.
    elsewhere = world.child(1)
    wrong = reverse("consent:person-change", args=[elsewhere.pk, carer.pk])
    assert sign_in(Client(), world.person("case_manager")).get(wrong).status_code == 404
    carer.refresh_from_db()
    assert carer.version == 1
    assert RelatedPerson.objects.count() == 1
