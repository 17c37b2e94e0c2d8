"""The consent page, recording and withdrawing consent, through HTTP."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.consent.models import ConsentRecord
from ecm.consent.tests.factories import consent, consent_post, person

SignIn = Callable[[User], Client]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "psychologist", "team_manager", "senior_manager"])
def test_readers_see_every_record_with_its_state(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = world.child(1)
    mother = person(child, full_name="Carys Jones")
    consent(child, given_on=date(2026, 1, 5))
    consent(child, "evaluation", given_on=date(2025, 1, 5), review_on=date(2025, 7, 1))
    consent(child, "participation", by=mother, withdrawn_on=date(2026, 6, 2))
    page = signed_in(world.person(role)).get(reverse("consent:index", args=[child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Carys Jones" in text
    assert "In force" in text
    assert "Review due" in text
    assert "Withdrawn on 2 June 2026" in text
    assert "Case Manager 1" in text  # who recorded it
    assert text.count("govuk-warning-text__text") == 1
    assert ("Record consent" in text) == (role in {"case_manager", "team_manager"})
    assert AuditEvent.objects.filter(verb=Verb.VIEW_CONSENTS, child_id=child.pk).exists()


def _page_queries(client: Client, child_id: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("consent:index", args=[child_id])).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_consent_page_query_count_is_the_same_for_1_and_10_records(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    consent(child)
    one = _page_queries(client, child.pk)
    for n in range(9):
        carer = person(child, full_name=f"Carer {n}")
        consent(
            child, "sharing", by=carer, agencies=[world.agencies[1]], withdrawn_on=date(2026, 2, 1)
        )
    ten = _page_queries(client, child.pk)
    assert one == ten == 11


@pytest.mark.django_db
def test_child_page_query_count_does_not_grow_with_consent(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("children:detail", args=[child.pk])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(6):
        carer = person(child, full_name=f"Carer {n}")
        consent(child, by=carer)
        consent(child, "sharing", agencies=[world.agencies[1]])
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(before) == len(after)
    assert "Carer 5 (Mother)" in page


@pytest.mark.django_db
def test_overview_shows_the_gate_and_withdrawals(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2012, 3, 3))
    consent(child, withdrawn_on=date(2026, 3, 1))
    page = signed_in(world.person("psychologist")).get(reverse("children:detail", args=[child.pk]))
    text = page.content.decode()
    assert "ECM cannot go on to formulation yet" in text
    assert "The child withdrew their consent to take part on 1 March 2026" in text
    assert "govuk-warning-text" in text
    assert reverse("consent:family", args=[child.pk]) in text


@pytest.mark.django_db
def test_record_the_childs_consent(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    form = client.get(reverse("consent:record", args=[child.pk])).content.decode()
    assert 'name="submission"' in form
    response = client.post(
        reverse("consent:record", args=[child.pk]),
        consent_post(review_on_day="1", review_on_month="3", review_on_year="2027"),
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get(child=child)
    assert record.person is None
    assert record.given_on == date(2026, 9, 3)
    assert record.review_on == date(2027, 3, 1)
    assert record.recorded_by == world.person("case_manager")
    assert AuditEvent.objects.filter(
        verb=Verb.RECORD_CONSENT, child_id=child.pk, object_id=str(record.pk)
    ).exists()


@pytest.mark.django_db
def test_record_sharing_for_a_carer_with_named_agencies(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    mother = person(child)
    client = signed_in(world.person("team_manager"))
    response = client.post(
        reverse("consent:record", args=[child.pk]),
        consent_post(
            person=str(mother.pk),
            purpose="sharing",
            agencies=[str(world.agencies[1].pk)],
            method="verbal_with_witness",
            witness_name="Owain Rees",
            understanding_note="",
        ),
    )
    assert response.status_code == 302
    record = ConsentRecord.objects.get(child=child)
    assert record.person == mother
    assert list(record.agencies.all()) == [world.agencies[1]]
    assert record.witness_name == "Owain Rees"


@pytest.mark.django_db
def test_a_double_submitted_form_records_one_consent(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    values = consent_post(submission="0b7f7a6e-3c55-4f0f-9d7e-3a8f0d6c2b11")
    client.post(reverse("consent:record", args=[child.pk]), values)
    client.post(reverse("consent:record", args=[child.pk]), values)
    assert ConsentRecord.objects.filter(child=child).count() == 1


@pytest.mark.django_db
def test_bad_input_is_explained_at_the_field_and_nothing_is_lost(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    future = timezone.localdate() + timedelta(days=3)
    response = client.post(
        reverse("consent:record", args=[child.pk]),
        consent_post(
            purpose="sharing",
            method="verbal_with_witness",
            understanding_note="",
            given_on_day=str(future.day),
            given_on_month=str(future.month),
            given_on_year=str(future.year),
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Date consent was given must be today or in the past" in text
    assert "Enter the name of the witness" in text
    assert "Select the agencies information may be shared with" in text
    assert "Describe how you checked what the child understood" in text
    assert 'href="#id_given_on_day"' in text
    assert f'value="{future.year}"' in text
    assert 'value="sharing" checked' in text
    assert not ConsentRecord.objects.exists()

    response = client.post(
        reverse("consent:record", args=[child.pk]),
        consent_post(
            purpose="reminders",
            review_on_day="1",
            review_on_month="1",
            review_on_year="2026",
            understanding_note="Said it back to me",
        ),
    )
    text = response.content.decode()
    assert "Review date must be the same as or after the date consent was given" in text
    assert "Select how reminders may be sent" in text
    assert "Said it back to me" in text
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_agencies_and_people_must_belong_to_the_child(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    someone_elses = person(world.child(1))
    client = signed_in(world.person("case_manager"))
    response = client.post(
        reverse("consent:record", args=[child.pk]),
        consent_post(purpose="sharing", agencies=[str(world.agencies[2].pk)]),
    )
    assert "Select a valid choice" in response.content.decode()
    response = client.post(
        reverse("consent:record", args=[child.pk]), consent_post(person=str(someone_elses.pk))
    )
    assert "Select a valid choice" in response.content.decode()
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_readers_who_do_not_edit_cannot_record_or_withdraw(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    record = consent(child)
    client = signed_in(world.person("psychologist"))
    assert (
        client.post(reverse("consent:record", args=[child.pk]), consent_post()).status_code == 403
    )
    url = reverse("consent:withdraw", args=[child.pk, record.pk])
    assert client.post(url, {"withdrawn_on_day": "1"}).status_code == 403
    other = signed_in(world.person("case_manager", 2))
    assert other.post(url, {"withdrawn_on_day": "1"}).status_code == 404
    record.refresh_from_db()
    assert record.withdrawn_on is None
    assert ConsentRecord.objects.count() == 1


def _withdraw_post(day: date, note: str = "") -> dict[str, str]:
    return {
        "withdrawn_on_day": str(day.day),
        "withdrawn_on_month": str(day.month),
        "withdrawn_on_year": str(day.year),
        "note": note,
    }


@pytest.mark.django_db
def test_withdraw_keeps_the_history_and_says_who_and_when(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    record = consent(child, given_on=date(2026, 1, 5))
    manager = world.person("team_manager")
    client = signed_in(manager)
    url = reverse("consent:withdraw", args=[child.pk, record.pk])
    today = timezone.localdate()
    response = client.post(url, _withdraw_post(today, "Wants to think about it"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.withdrawn_on == today
    assert record.withdrawal_recorded_by == manager
    assert record.withdrawal_recorded_at is not None
    assert record.withdrawal_note == "Wants to think about it"
    assert AuditEvent.objects.filter(verb=Verb.WITHDRAW_CONSENT, child_id=child.pk).exists()
    page = client.get(reverse("consent:index", args=[child.pk])).content.decode()
    assert "Wants to think about it" in page
    assert "Withdrawal recorded by Team Manager 1" in page
    again = client.get(url).content.decode()
    assert "This consent has already been withdrawn" in again
    assert ConsentRecord.objects.count() == 1


@pytest.mark.django_db
def test_withdrawal_date_is_checked(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    record = consent(child, given_on=date(2026, 1, 5))
    client = signed_in(world.person("case_manager"))
    url = reverse("consent:withdraw", args=[child.pk, record.pk])
    future = client.post(url, _withdraw_post(timezone.localdate() + timedelta(days=1), "Keep me"))
    assert "Date consent was withdrawn must be today or in the past" in future.content.decode()
    assert "Keep me" in future.content.decode()
    early = client.post(url, _withdraw_post(date(2026, 1, 4)))
    assert "must be the same as or after the date it was given, 5 January 2026" in (
        early.content.decode()
    )
    record.refresh_from_db()
    assert record.withdrawn_on is None


@pytest.mark.django_db
def test_two_people_withdrawing_at_once(
    world: World, signed_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = world.child(1)
    record = consent(child, given_on=date(2026, 1, 5))
    stale = ConsentRecord.objects.select_related("child").get(pk=record.pk)
    monkeypatch.setattr("ecm.consent.views.queries.get_consent", lambda *args: stale)
    ConsentRecord.objects.filter(pk=record.pk).update(
        withdrawn_on=date(2026, 2, 1),
        withdrawal_recorded_at=timezone.now(),
        withdrawal_recorded_by=world.person("team_manager"),
    )
    client = signed_in(world.person("case_manager"))
    url = reverse("consent:withdraw", args=[child.pk, record.pk])
    response = client.post(url, _withdraw_post(date(2026, 3, 1), "Asked by phone"))
    text = response.content.decode()
    assert response.status_code == 409
    assert "Someone else recorded this withdrawal" in text
    assert "Asked by phone" in text
    assert "1 February 2026" in text
    record.refresh_from_db()
    assert record.withdrawn_on == date(2026, 2, 1)
