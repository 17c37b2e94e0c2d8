"""What consent allows: the functions other apps call (no actor, no audit)."""

from __future__ import annotations

from datetime import date

import pytest

from ecm.conftest import World
from ecm.consent import queries
from ecm.consent.tests.factories import consent, person, withdraw

DAY = date(2026, 9, 1)


@pytest.mark.django_db
def test_the_childs_own_participation_consent(world: World) -> None:
    child = world.child(1)
    assert not queries.ecm_consent_in_force(child, DAY)
    record = consent(child, given_on=date(2026, 8, 1))
    assert queries.ecm_consent_in_force(child, DAY)
    assert not queries.ecm_consent_in_force(child, date(2026, 7, 31))
    assert record.in_force(DAY)
    carer = person(child)
    consent(child, by=carer)
    # A carer's consent is not the child's own.
    withdraw(record, DAY)
    assert not queries.ecm_consent_in_force(child, DAY)
    assert queries.ecm_consent_in_force(child, date(2026, 8, 31))
    assert queries.carer_consent_in_force(child, DAY)


@pytest.mark.django_db
def test_withdrawal_stops_consent_from_that_day(world: World) -> None:
    child = world.child(1)
    record = consent(child, given_on=date(2026, 1, 1), withdrawn_on=DAY)
    assert record.in_force(date(2026, 8, 31))
    assert not record.in_force(DAY)
    assert record.state(DAY) == "withdrawn"
    assert record.state(date(2026, 8, 31)) == "in_force"


@pytest.mark.django_db
def test_review_due_once_the_review_date_has_passed(world: World) -> None:
    child = world.child(1)
    record = consent(child, given_on=date(2026, 1, 1), review_on=DAY)
    assert record.state(DAY) == "in_force"
    assert record.state(date(2026, 9, 2)) == "review_due"
    assert record.in_force(date(2026, 9, 2))


@pytest.mark.django_db
def test_carer_consent_required_below_the_services_age(world: World) -> None:
    service = world.services[1]
    assert service.carer_consent_under_age == 16
    child = world.child(1, date_of_birth=date(2010, 9, 1))
    # Exactly 16 on the day: no longer under 16.
    assert not queries.carer_consent_required(child, date(2026, 9, 1))
    assert queries.carer_consent_required(child, date(2026, 8, 31))
    service.carer_consent_under_age = 0
    service.save()
    child.refresh_from_db()
    assert not queries.carer_consent_required(child, date(2020, 1, 1))


@pytest.mark.django_db
def test_gate_problems_name_what_is_missing(world: World) -> None:
    child = world.child(1, date_of_birth=date(2012, 5, 5))
    problems = queries.consent_gate_problems(child, DAY)
    assert len(problems) == 2
    assert "child's own consent" in problems[0]
    assert "under 16" in problems[1]
    consent(child, given_on=date(2026, 8, 1))
    assert len(queries.consent_gate_problems(child, DAY)) == 1
    consent(child, by=person(child), given_on=date(2026, 8, 1))
    assert queries.consent_gate_problems(child, DAY) == []
    # Other purposes do not open the gate.
    other = world.child(1, date_of_birth=date(2008, 5, 5))
    consent(other, "sharing", agencies=[world.agencies[1]])
    assert len(queries.consent_gate_problems(other, DAY)) == 1


@pytest.mark.django_db
def test_gate_on_the_day_the_child_reaches_the_carer_consent_age(world: World) -> None:
    child = world.child(1, date_of_birth=date(2010, 9, 1))
    consent(child, given_on=date(2026, 8, 1))
    assert len(queries.consent_gate_problems(child, date(2026, 8, 31))) == 1
    assert queries.consent_gate_problems(child, date(2026, 9, 1)) == []


@pytest.mark.django_db
def test_gate_says_when_the_child_withdrew(world: World) -> None:
    child = world.child(1, date_of_birth=date(2008, 1, 1))
    consent(child, given_on=date(2026, 1, 1), withdrawn_on=date(2026, 6, 2))
    assert queries.consent_gate_problems(child, DAY) == [
        "The child withdrew their consent to take part on 2 June 2026"
    ]


@pytest.mark.django_db
def test_sharing_reminders_and_evaluation(world: World) -> None:
    child = world.child(1, date_of_birth=date(2012, 1, 1))
    other_agency = world.agencies[1].service.agencies.create(name="Clinic", kind="health")
    sharing = consent(child, "sharing", agencies=[world.agencies[1], other_agency])
    assert queries.sharing_agency_ids(child, DAY) == {world.agencies[1].pk, other_agency.pk}
    assert queries.sharing_agency_ids(child, date(2025, 1, 1)) == set()
    withdraw(sharing, DAY)
    assert queries.sharing_agency_ids(child, DAY) == set()

    assert not queries.reminders_allowed(child, "text", DAY)
    consent(child, "reminders", reminder_channels=["text"])
    assert queries.reminders_allowed(child, "text", DAY)
    assert not queries.reminders_allowed(child, "email", DAY)

    assert not queries.evaluation_allowed(child, DAY)
    consent(child, "evaluation")
    # Under 16: a carer's agreement is needed as well.
    assert not queries.evaluation_allowed(child, DAY)
    consent(child, "evaluation", by=person(child))
    assert queries.evaluation_allowed(child, DAY)
