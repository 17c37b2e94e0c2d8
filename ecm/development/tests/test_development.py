"""Developmental mapping through HTTP: reading, recording, bad input, change across
mappings, partner agency workers refused, and query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.consent.tests.factories import consent
from ecm.core.access import load_actor
from ecm.development import overview, queries
from ecm.development.models import DevelopmentalMapping, DomainEstimate
from ecm.development.tests.factories import mapping, mapping_post

SignIn = Callable[[User], Client]
RECORDERS = ["case_manager", "team_manager", "psychologist"]
BORN = date(2012, 10, 1)  # 13 years 8 months old on 1 June 2026


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "psychologist", "team_manager", "senior_manager"])
def test_staff_readers_see_the_latest_mapping_against_the_childs_age(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = world.child(1, date_of_birth=BORN)
    mapping(child, date(2026, 6, 1), emotional=(9, 6), social=(11, 0))
    page = signed_in(world.person(role)).get(reverse("development:index", args=[child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "On 1 June 2026 the child was 13 years 8 months old." in text
    assert "functioning around 9 years 6 months; 4 years 2 months below their age" in text
    assert '<img src="data:image/svg+xml;base64,' in text
    assert 'alt="Their age on 1 June 2026: 13 years 8 months. Emotional: functioning' in text
    assert "Not estimated this time" in text
    assert "Clinical psychologist&#x27;s observation, May 2026" in text
    assert "Change over time" not in text  # only one mapping
    assert ("Record a new mapping" in text) == (role in RECORDERS)
    assert AuditEvent.objects.filter(verb=Verb.VIEW_DEVELOPMENT, child_id=child.pk).exists()


@pytest.mark.django_db
def test_later_mappings_show_change(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    mapping(child, date(2026, 1, 10), emotional=(9, 0), physical=(13, 0))
    mapping(child, date(2026, 6, 1), emotional=(9, 8), social=(11, 0))
    text = (
        signed_in(world.person("psychologist"))
        .get(reverse("development:index", args=[child.pk]))
        .content.decode()
    )
    assert "Latest mapping, 1 June 2026" in text
    assert "Change over time" in text
    assert "up 8 months" in text
    assert "10 Jan 2026" in text
    assert "Not estimated" in text


@pytest.mark.django_db
def test_one_mapping_can_be_read(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    older = mapping(child, date(2026, 1, 10), emotional=(9, 0))
    mapping(child, date(2026, 6, 1), emotional=(9, 8))
    page = signed_in(world.person("senior_manager")).get(
        reverse("development:mapping", args=[child.pk, older.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Developmental mapping of 10 January 2026" in text
    assert "functioning around 9 years; 4 years 3 months below their age" in text
    assert AuditEvent.objects.filter(verb=Verb.VIEW_DEVELOPMENT, object_id=str(older.pk)).exists()


@pytest.mark.django_db
def test_a_mapping_of_another_child_is_not_found(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    theirs = mapping(world.child(1))
    page = signed_in(world.person("case_manager")).get(
        reverse("development:mapping", args=[child.pk, theirs.pk])
    )
    assert page.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", RECORDERS)
def test_record_a_mapping(world: World, signed_in: SignIn, role: str) -> None:
    child = world.child(1, date_of_birth=BORN)
    client = signed_in(world.person(role))
    form = client.get(reverse("development:record", args=[child.pk])).content.decode()
    assert "Speech, language and communication" in form
    assert 'name="submission"' in form
    response = client.post(
        reverse("development:record", args=[child.pk]),
        mapping_post(
            communication_years="10",
            communication_months="",
            communication_evidence="Struggles to follow two-step instructions",
            communication_source="Speech and language therapist's assessment, June 2026",
            notes="Agreed at the formulation meeting",
        ),
    )
    assert response.status_code == 302
    made = DevelopmentalMapping.objects.get(child=child)
    assert made.mapped_on == date(2026, 9, 3)
    assert made.recorded_by == world.person(role)
    assert made.notes == "Agreed at the formulation meeting"
    estimates = {e.domain: e for e in made.estimates.all()}
    assert set(estimates) == {"emotional", "communication"}
    assert estimates["emotional"].functioning_months == 9 * 12 + 6
    assert estimates["communication"].functioning_months == 120
    assert estimates["communication"].source.startswith("Speech and language therapist")
    event = AuditEvent.objects.get(verb=Verb.RECORD_DEVELOPMENT, child_id=child.pk)
    assert event.detail["domains"] == ["communication", "emotional"]


@pytest.mark.django_db
def test_a_form_sent_twice_records_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    client = signed_in(world.person("psychologist"))
    data = mapping_post(submission="1f0e1d2c-3b4a-4596-8778-695a4b3c2d1e")
    client.post(reverse("development:record", args=[child.pk]), data)
    client.post(reverse("development:record", args=[child.pk]), data)
    assert DevelopmentalMapping.objects.count() == 1
    assert DomainEstimate.objects.count() == 1


@pytest.mark.django_db
def test_senior_managers_cannot_record(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    response = signed_in(world.person("senior_manager")).post(
        reverse("development:record", args=[child.pk]), mapping_post()
    )
    assert response.status_code == 403
    assert not DevelopmentalMapping.objects.exists()


def _errors(client: Client, child_id: int, **overrides: str) -> str:
    response = client.post(
        reverse("development:record", args=[child_id]), mapping_post(**overrides)
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_bad_input_is_refused_and_nothing_typed_is_lost(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)  # 13 years 11 months on 3 September 2026
    client = signed_in(world.person("case_manager"))

    text = _errors(client, child.pk, emotional_years="14", emotional_months="0")
    assert (
        "Emotional: the functioning age cannot be more than the child&#x27;s age on the "
        "mapping date, 13 years 11 months" in text
    )
    assert 'href="#id_emotional_years"' in text
    assert 'value="14"' in text
    assert "Meltdowns when plans change" in text  # the evidence typed is kept
    assert "govuk-input--error" in text

    text = _errors(client, child.pk, emotional_months="12")
    assert "Emotional: months must be a whole number from 0 to 11" in text
    assert 'value="12"' in text
    text = _errors(client, child.pk, emotional_months="-1")
    assert "Emotional: months must be a whole number from 0 to 11" in text
    text = _errors(client, child.pk, emotional_years="nine")
    assert "Emotional: years must be a whole number, like 9" in text
    assert 'value="nine"' in text
    text = _errors(client, child.pk, emotional_years="")
    assert "Emotional: enter the age in years at which they are functioning" in text

    text = _errors(client, child.pk, emotional_evidence="  ", social_years="8")
    assert "Emotional: enter the evidence for the estimate" in text
    assert "Social: enter the evidence for the estimate" in text
    assert "Social: enter who assessed it, and when" in text

    text = _errors(
        client,
        child.pk,
        emotional_years="",
        emotional_months="",
        emotional_evidence="",
        emotional_source="",
    )
    assert "Estimate the age for at least one domain" in text

    text = _errors(client, child.pk, mapped_on_year="2011")
    assert "Date of the mapping must be on or after the child&#x27;s date of birth" in text
    assert 'value="2011"' in text
    tomorrow = timezone.localdate() + timedelta(days=1)
    text = _errors(
        client,
        child.pk,
        mapped_on_day=str(tomorrow.day),
        mapped_on_month=str(tomorrow.month),
        mapped_on_year=str(tomorrow.year),
    )
    assert "Date of the mapping must be today or in the past" in text
    text = _errors(client, child.pk, mapped_on_day="", mapped_on_month="", mapped_on_year="")
    assert "Enter the date of the mapping" in text
    assert not DevelopmentalMapping.objects.exists()


@pytest.mark.django_db
def test_the_age_limit_is_the_childs_age_on_the_mapping_date(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, date_of_birth=BORN)
    client = signed_in(world.person("case_manager"))
    # 13 years 8 months on 1 June 2026: exactly their age is allowed, a month more is not.
    june = {"mapped_on_day": "1", "mapped_on_month": "6", "mapped_on_year": "2026"}
    text = _errors(client, child.pk, emotional_years="13", emotional_months="9", **june)
    assert "cannot be more than the child&#x27;s age on the mapping date, 13 years 8 months" in text
    response = client.post(
        reverse("development:record", args=[child.pk]),
        mapping_post(emotional_years="13", emotional_months="8", **june),
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_partner_agency_workers_are_refused_and_the_attempt_is_audited(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])
    made = mapping(child)
    client = signed_in(world.person("partner"))
    for url in (
        reverse("development:index", args=[child.pk]),
        reverse("development:record", args=[child.pk]),
        reverse("development:mapping", args=[child.pk, made.pk]),
    ):
        assert client.get(url).status_code == 404
    refusals = AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=child.pk)
    assert refusals.count() == 3
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert page.count("Developmental mapping") == 0


@pytest.mark.django_db
def test_overview_shows_the_latest_mapping_as_text(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    mapping(child, date(2026, 1, 10), emotional=(8, 0))
    mapping(child, date(2026, 6, 1), emotional=(9, 6))
    text = (
        signed_in(world.person("team_manager"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "Latest mapping 1 June 2026, when the child was 13 years 8 months old" in text
    assert "Functioning around 9 years 6 months; 4 years 2 months below their age" in text


def test_latest_mapping_has_its_estimates_loaded(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    child = world.child(1, date_of_birth=BORN)
    assert queries.latest_mapping(child) is None
    mapping(child, date(2026, 1, 10), emotional=(8, 0))
    mapping(child, date(2026, 6, 1), emotional=(9, 6), social=(10, 0))
    mapping(child, date(2026, 3, 1), emotional=(8, 6))  # added later, older date
    with django_assert_num_queries(1):
        latest = queries.latest_mapping(child)
        assert latest is not None
        assert latest.mapped_on == date(2026, 6, 1)
        assert sorted(e.domain for e in latest.estimates.all()) == ["emotional", "social"]
        assert queries.age_on_mapping(latest) == 164


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_counts_are_the_same_for_1_and_many_mappings(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=BORN)
    first = mapping(child, date(2025, 1, 1), emotional=(8, 0))
    client = signed_in(world.person("case_manager"))
    urls = {
        "index": reverse("development:index", args=[child.pk]),
        "mapping": reverse("development:mapping", args=[child.pk, first.pk]),
        "record": reverse("development:record", args=[child.pk]),
    }
    one = {name: _queries(client, url) for name, url in urls.items()}
    every = {"emotional": (9, 0), "social": (9, 6), "cognitive": (10, 0), "physical": (12, 0)}
    for month in range(1, 10):
        mapping(child, date(2025, 1 + month, 1), communication=(10, month), **every)
    many = {name: _queries(client, url) for name, url in urls.items()}
    assert one == many == {"index": 10, "mapping": 10, "record": 8}


@pytest.mark.django_db
def test_the_overview_section_takes_one_query_and_the_child_page_stays_constant(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, date_of_birth=BORN)
    actor = load_actor(world.person("psychologist"))
    client = signed_in(world.person("psychologist"))
    url = reverse("children:detail", args=[child.pk])
    counts = []
    for month in (0, 1, 2, 3):
        if month:
            mapping(child, date(2026, month, 1), emotional=(9, month), social=(10, 0))
        with CaptureQueriesContext(connection) as captured:
            assert overview.section(actor, child) is not None
        counts.append(len(captured))
        counts.append(_queries(client, url))
    assert counts[0::2] == [1, 1, 1, 1]
    assert len(set(counts[1::2])) == 1
