"""Appointments through HTTP: booking one or a regular slot, bad input refused at the
field with nothing lost, changing with conflict protection, recording outcomes on one
page (once, however often the form is sent), late recording, and the audit trail."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments import services
from ecm.appointments.models import Appointment, AppointmentSeries, Outcome, Status
from ecm.appointments.tests import factories
from ecm.audit.models import AuditEvent, Verb
from ecm.compliance.bank_holidays import add_working_days
from ecm.compliance.models import FollowUp
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.reminders.models import Reminder

SignIn = Callable[[User], Client]


def _date(prefix: str, day: date | None) -> dict[str, str]:
    parts = ("", "", "") if day is None else (str(day.day), str(day.month), str(day.year))
    return {f"{prefix}_day": parts[0], f"{prefix}_month": parts[1], f"{prefix}_year": parts[2]}


def booking(day: date | None = None, /, **overrides: str) -> dict[str, str]:
    values = {
        **_date("day", day or timezone.localdate() + timedelta(days=3)),
        "start_time": "16:00",
        "duration_minutes": "60",
        "kind": "one_to_one",
        "mode": "in_person",
        "place": "Youth centre, Stryd Fawr",
        "attendees": "Mum",
        "purpose": "Plan the week and check in about school",
        "submission": str(uuid.uuid4()),
    }
    values.update(overrides)
    return values


def next_weekday(weekday: int) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def outcome_post(**overrides: str) -> dict[str, str]:
    values = {
        "status": "attended",
        "against_purpose": "Planned the week; talked about the new timetable",
        "how_the_child_was": "Tired but chatty",
        "notes": "",
        "next_steps": "Same time next week",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("case_manager", 200, 302),
        ("team_manager", 200, 302),
        ("psychologist", 200, 403),
        ("senior_manager", 200, 403),
        ("partner", 404, 404),
        ("evaluator", 404, 404),
        ("service_admin", 404, 404),
    ],
)
def test_each_role(world: World, signed_in: SignIn, role: str, read: int, write: int) -> None:
    child = world.child(1)
    client = signed_in(world.person(role))
    assert client.get(reverse("appointments:index", args=[child.pk])).status_code == read
    response = client.post(reverse("appointments:book", args=[child.pk]), booking())
    assert response.status_code == write
    assert Appointment.objects.filter(child=child).exists() == (write == 302)


@pytest.mark.django_db
def test_book_one_appointment(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    day = timezone.localdate() + timedelta(days=3)
    response = client.post(reverse("appointments:book", args=[child.pk]), booking(day))
    appointment = Appointment.objects.get(child=child)
    assert response["Location"] == reverse("appointments:detail", args=[child.pk, appointment.pk])
    local = timezone.localtime(appointment.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 16, 0)
    assert appointment.purpose == "Plan the week and check in about school"
    assert AuditEvent.objects.filter(verb=Verb.BOOK_APPOINTMENT, child_id=child.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "The appointment has been booked" in page
    assert "Youth centre, Stryd Fawr" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"purpose": ""}, "purpose", "Enter the purpose of the appointment"),
        (
            {"day_day": "31", "day_month": "2"},
            "day_day",
            "Date of the appointment must be a real date",
        ),
        (
            {"day_month": "", "day_year": ""},
            "day_day",
            "Date of the appointment must include a month",
        ),
        ({"start_time": "25:00"}, "start_time", "Enter the start time in the 24-hour clock"),
        ({"place": ""}, "place", "Enter where the appointment is"),
        ({"duration_minutes": "600"}, "duration_minutes", "from 5 to 480"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_is_lost(
    world: World, signed_in: SignIn, overrides: dict[str, str], field: str, message: str
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    values = booking(**overrides)
    response = client.post(reverse("appointments:book", args=[child.pk]), values)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Appointment.objects.exists()
    assert "There is a problem" in page
    assert message in page
    assert f'href="#id_{field}"' in page
    for kept in ("Youth centre, Stryd Fawr", "Mum") if "place" not in overrides else ("Mum",):
        assert kept in page


@pytest.mark.django_db
def test_an_appointment_before_the_childs_birth_is_refused(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    before = child.date_of_birth - timedelta(days=1)
    response = client.post(reverse("appointments:book", args=[child.pk]), booking(before))
    assert "Date of the appointment must be on or after the child&#x27;s date of birth" in (
        response.content.decode()
    )
    assert not Appointment.objects.exists()


@pytest.mark.django_db
def test_a_double_submitted_booking_books_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    values = booking()
    for _ in range(2):
        assert client.post(reverse("appointments:book", args=[child.pk]), values).status_code == 302
    assert Appointment.objects.count() == 1


@pytest.mark.django_db
def test_book_a_regular_slot(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    first = next_weekday(1)  # a Tuesday
    values = {
        **booking(first),
        "frequency": "weekly",
        **_date("until", first + timedelta(weeks=8)),
    }
    url = reverse("appointments:book-series", args=[child.pk])
    response = client.post(url, values)
    assert response.status_code == 302
    client.post(url, values)  # sent twice: still one series
    series = AppointmentSeries.objects.get()
    starts = [timezone.localtime(a.starts_at) for a in series.appointments.order_by("starts_at")]
    assert len(starts) == 9
    assert {(s.weekday(), s.hour) for s in starts} == {(1, 16)}
    assert AuditEvent.objects.filter(verb=Verb.BOOK_APPOINTMENT_SERIES).count() == 1
    assert "9 appointments have been booked" in client.get(response["Location"]).content.decode()
    fortnightly = {
        **booking(first),
        "frequency": "fortnightly",
        **_date("until", first + timedelta(weeks=8)),
    }
    client.post(url, fortnightly)
    assert AppointmentSeries.objects.get(frequency="fortnightly").appointments.count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("until", "message"),
    [
        (None, "Enter the date of the last appointment: a series needs an end"),
        (400, "must be no more than a year from today"),
        (-1, "must be on or after the first appointment"),
    ],
)
def test_a_series_without_an_end_or_beyond_a_year_is_refused(
    world: World, signed_in: SignIn, until: int | None, message: str
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    first = next_weekday(1)
    end = None if until is None else first + timedelta(days=until)
    values = {**booking(first), "frequency": "weekly", **_date("until", end)}
    response = client.post(reverse("appointments:book-series", args=[child.pk]), values)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_until_day"' in page
    assert "Plan the week and check in about school" in page
    assert not Appointment.objects.exists()


@pytest.mark.django_db
def test_record_an_outcome_on_one_page(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    appointment = factories.appointment(child, starts_at=factories.at(-1))
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    page = client.get(url).content.decode()
    assert "Keep the regular slot and plan the week" in page  # the purpose, to record against
    response = client.post(url, outcome_post(status="late"))
    assert response.status_code == 302
    outcome = Outcome.objects.get(appointment=appointment)
    assert (outcome.status, outcome.late) == (Status.LATE, False)
    assert outcome.next_steps == "Same time next week"
    assert not FollowUp.objects.exists()
    event = AuditEvent.objects.get(verb=Verb.RECORD_OUTCOME)
    assert event.detail == {"status": "late", "late": False}
    assert "Attended late" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_an_outcome_without_what_happened_is_refused_and_nothing_is_lost(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    appointment = factories.appointment(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    response = client.post(url, outcome_post(against_purpose="  ", notes="Mum rang at noon"))
    page = response.content.decode()
    assert "Enter what happened against the purpose" in page
    assert 'href="#id_against_purpose"' in page
    assert "Mum rang at noon" in page
    assert "Tired but chatty" in page
    response = client.post(url, outcome_post(status=""))
    assert "Select what happened" in response.content.decode()
    assert not Outcome.objects.exists()


@pytest.mark.django_db
def test_a_future_appointment_can_only_be_cancelled_or_rescheduled(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    appointment = factories.appointment(child, starts_at=factories.at(2))
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    assert "has not started yet" in client.post(url, outcome_post()).content.decode()
    assert client.post(url, outcome_post(status="rescheduled")).status_code == 302


@pytest.mark.django_db
def test_a_double_submitted_outcome_creates_one(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    appointment = factories.appointment(child)
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    first = client.post(url, outcome_post(status="did_not_attend"))
    second = client.post(url, outcome_post(status="did_not_attend"))
    assert first.status_code == second.status_code == 302
    assert Outcome.objects.count() == 1
    assert FollowUp.objects.count() == 1
    assert "already recorded" in client.get(second["Location"]).content.decode()


@pytest.mark.django_db
def test_two_outcomes_at_once_are_refused_by_the_database(world: World) -> None:
    child = world.child(1)
    appointment = factories.appointment(child)
    actor = load_actor(world.person("case_manager"))
    data = {"status": "attended", "against_purpose": "Planned the week"}
    first = services.record_outcome(actor=actor, appointment=appointment, data=data)
    # The page was opened before the first was saved: the database refuses the second.
    with pytest.raises(services.OutcomeAlreadyRecorded) as refused:
        services.record_outcome(actor=actor, appointment=appointment, data=data)
    assert refused.value.outcome == first
    assert Outcome.objects.count() == 1


@pytest.mark.django_db
def test_a_missed_appointment_opens_a_follow_up_due_within_one_working_day(
    world: World, signed_in: SignIn, django_capture_on_commit_callbacks: Any
) -> None:
    child = world.child(1)
    appointment = factories.appointment(child, starts_at=factories.at(-1))
    client = signed_in(world.person("team_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, outcome_post(status="not_brought", against_purpose="Not held"))
    follow_up = FollowUp.objects.get(appointment=appointment)
    missed_on = timezone.localtime(appointment.starts_at).date()
    assert follow_up.due_on == add_working_days(missed_on, 1)
    assert follow_up.assigned_to == world.person("case_manager")  # the child's case manager
    reminder = Reminder.objects.get()
    assert reminder.user == world.person("case_manager")
    assert reminder.link == reverse("compliance:follow-up", args=[child.pk, follow_up.pk])
    assert AuditEvent.objects.filter(verb=Verb.OPEN_FOLLOW_UP, child_id=child.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "A follow-up is due within one working day" in page
    assert "See the follow-up" in page


@pytest.mark.django_db
def test_late_recording_shows_that_it_was_late(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    appointment = factories.appointment(child, starts_at=factories.at(-10))
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:outcome", args=[child.pk, appointment.pk])
    response = client.post(url, outcome_post())
    assert Outcome.objects.get().late
    page = client.get(response["Location"]).content.decode()
    assert "Recorded late" in page
    assert "It was due by the end of" in page


@pytest.mark.django_db
def test_change_an_appointment_with_conflict_protection(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    appointment = factories.appointment(child, starts_at=factories.at(5))
    client = signed_in(world.person("case_manager"))
    url = reverse("appointments:change", args=[child.pk, appointment.pk])
    assert "Youth centre, Stryd Fawr" in client.get(url).content.decode()
    day = timezone.localdate() + timedelta(days=5)
    values = booking(day, place="The library", version="1", start_time="4pm")
    Appointment.objects.filter(pk=appointment.pk).update(version=2, place="School")
    response = client.post(url, values)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this appointment" in page
    assert "School" in page
    assert "The library" in page
    assert 'name="version" value="2"' in page
    values["version"] = "2"
    assert client.post(url, values).status_code == 302
    appointment.refresh_from_db()
    assert (appointment.place, appointment.version) == ("The library", 3)
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT).exists()
    factories.outcome(appointment, status=Status.CANCELLED_BY_SERVICE)
    assert client.get(url).status_code == 302  # an outcome closes it to changes


@pytest.mark.django_db
def test_another_services_appointment_is_not_found(world: World, signed_in: SignIn) -> None:
    child = world.child(2)
    appointment = factories.appointment(child)
    client = signed_in(world.person("team_manager", 1))
    for name in ("appointments:detail", "appointments:outcome", "appointments:change"):
        assert client.get(reverse(name, args=[child.pk, appointment.pk])).status_code == 404
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=child.pk).count() == 3
    own = world.child(1)
    url = reverse("appointments:detail", args=[own.pk, appointment.pk])
    assert client.get(url).status_code == 404  # the child's, not another child's


def test_a_regular_slot_keeps_its_local_time_across_the_clock_change() -> None:
    first = timezone.make_aware(datetime(2026, 10, 13, 16, 0))  # British Summer Time
    starts = services.series_dates(first, date(2026, 11, 3), "weekly")
    local = [timezone.localtime(s) for s in starts]
    assert [s.day for s in local] == [13, 20, 27, 3]
    assert {(s.hour, s.minute) for s in local} == {(16, 0)}
    assert len({s.utcoffset() for s in local}) == 2  # BST, then GMT
    assert len(services.series_dates(first, date(2026, 11, 3), "fortnightly")) == 2
