"""Adding to the life timeline through HTTP, as each staff role that may: one event
(the "when" as a date, a month, a year, an age or a period) or several rows at once,
and bad input refused at the field with nothing typed lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.timeline.models import RevisionAction, TimelineEvent, TimelineEventRevision

SignIn = Callable[[User], Client]


def form(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Moved to live with Nan",
        "on_day": "",
        "on_month": "9",
        "on_year": "2016",
        "age": "",
        "period_from_day": "",
        "period_from_month": "",
        "period_from_year": "",
        "period_to_day": "",
        "period_to_month": "",
        "period_to_year": "",
        "category": "home-move",
        "valence": "",
        "source": "family",
        "certainty": "confirmed",
        "visibility": "everyone",
        "description": "Nan's house is near the school.",
    }
    # "when_kind" says which of the three ways of giving "when" is used: the others empty.
    if overrides.pop("when_kind", "date") != "date":
        values.update(on_month="", on_year="")
    values.update(overrides)
    return values


def a_child(world: World) -> Any:
    return world.child(1, date_of_birth=date(2010, 5, 3), legal_first_name="Ffion")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "team_manager", "psychologist"])
def test_staff_add_an_event_and_see_it_on_the_timeline(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = a_child(world)
    client = signed_in(world.person(role))
    response = client.post(reverse("timeline:add", args=[child.pk]), form(significant="on"))
    assert response.status_code == 302
    added = TimelineEvent.objects.get(child=child)
    assert (added.precision, added.starts_on, added.ends_on) == (
        "month",
        date(2016, 9, 1),
        date(2016, 9, 30),
    )
    assert added.valence == "neutral"  # the category's usual one
    assert (added.status, added.significant, added.contributed_by) == (
        "accepted",
        True,
        world.person(role),
    )
    assert TimelineEventRevision.objects.get(event=added).action == RevisionAction.ADDED
    event = AuditEvent.objects.get(verb=Verb.RECORD_TIMELINE_EVENT)
    assert event.detail == {
        "category": "home-move",
        "valence": "neutral",
        "status": "accepted",
        "significant": True,
    }
    page = client.get(response["Location"]).content.decode()
    assert 'class="moj-timeline"' in page
    assert "Moved to live with Nan" in page
    assert "September 2016" in page
    assert "aged 6" in page
    assert AuditEvent.objects.filter(verb=Verb.VIEW_TIMELINE, child_id=child.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "saved"),
    [
        ({"on_day": "27", "on_month": "3", "on_year": "2015"}, ("exact", "2015-03-27", None, None)),
        ({"on_month": "", "on_year": "2015"}, ("year", "2015-01-01", "2015-12-31", None)),
        ({"when_kind": "age", "age": "7"}, ("age", "2017-05-03", "2018-05-02", 7)),
        (
            {"when_kind": "range", "period_from_year": "2015", "period_to_year": "2017"},
            ("range", "2015-01-01", "2017-12-31", None),
        ),
        (
            {
                "when_kind": "range",
                "period_from_month": "9",
                "period_from_year": "2015",
                "period_to_month": "7",
                "period_to_year": "2016",
            },
            ("range", "2015-09-01", "2016-07-31", None),
        ),
    ],
)
def test_when_as_a_date_month_year_age_or_period(
    world: World, signed_in: SignIn, fields: dict[str, str], saved: tuple[Any, ...]
) -> None:
    child = a_child(world)
    client = signed_in(world.person("case_manager"))
    response = client.post(reverse("timeline:add", args=[child.pk]), form(**fields))
    assert response.status_code == 302
    added = TimelineEvent.objects.get(child=child)
    ends = added.ends_on.isoformat() if added.ends_on else None
    assert (added.precision, added.starts_on.isoformat(), ends, added.age_years) == saved


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"when_kind": "range", "period_from_year": "2017", "period_to_year": "2015"},
            "period_to",
            "The end of the period must be the same as or after its start",
        ),
        (
            {"when_kind": "age", "age": "{older}"},
            "age",
            "Age must be {now} or less: the child is {now} now",
        ),
        ({"when_kind": "age", "age": "seven"}, "age", "Age must be a whole number, like 7"),
        (
            {"on_day": "2", "on_month": "5", "on_year": "2010"},
            "on",
            "When it happened must be on or after the child&#x27;s date of birth, 3 May 2010",
        ),
        (
            {"on_day": "1", "on_month": "1", "on_year": "{future}"},
            "on",
            "When it happened must be today or in the past",
        ),
        ({"on_day": "31", "on_month": "2", "on_year": "2015"}, "on", "Date must be a real date"),
        ({"on_day": "3", "on_month": "", "on_year": "2015"}, "on", "must include a month"),
        (
            {"on_month": "", "on_year": ""},
            "on",
            "Enter when it happened: a date, an age or a period",
        ),
        (
            {"when_kind": "range", "period_from_year": "2015"},
            "period_to",
            "Enter when the period ended",
        ),
        ({"age": "7"}, "age", "Give only one of a date, an age or a period"),
        ({"title": ""}, "title", "Enter what happened"),
        ({"category": ""}, "category", "Select a category"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_typed_is_lost(
    world: World, signed_in: SignIn, fields: dict[str, str], field: str, message: str
) -> None:
    child = a_child(world)
    now = child.age_on(timezone.localdate())
    fields = {
        k: v.format(older=now + 1, future=timezone.localdate().year + 1) for k, v in fields.items()
    }
    message = message.format(now=now)
    client = signed_in(world.person("case_manager"))
    values = form(**fields) if "title" in fields else form(title="Typed this", **fields)
    response = client.post(reverse("timeline:add", args=[child.pk]), values)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert 'value="Nan&#x27;s house is near the school."' not in page  # a textarea
    assert "Nan&#x27;s house is near the school." in page
    if "title" not in fields:
        assert 'value="Typed this"' in page
    assert not TimelineEvent.objects.exists()
    assert not AuditEvent.objects.filter(verb=Verb.RECORD_TIMELINE_EVENT).exists()


def rows(*filled: dict[str, str], total: int = 8) -> dict[str, str]:
    data = {"events-TOTAL_FORMS": str(total), "events-INITIAL_FORMS": "0"}
    for index in range(total):
        values = {"source": "yjs", "visibility": "everyone"}
        if index < len(filled):
            values.update(filled[index])
        for name, value in values.items():
            data[f"events-{index}-{name}"] = value
    return data


ROW = {"title": "Dad moved out", "when_text": "2015", "category": "parental-separation"}


@pytest.mark.django_db
def test_add_several_events_blank_rows_left_out(world: World, signed_in: SignIn) -> None:
    child = a_child(world)
    client = signed_in(world.person("case_manager"))
    response = client.post(
        reverse("timeline:add-several", args=[child.pk]),
        rows(
            {**ROW, "certainty": "confirmed"},
            {
                "title": "Joined the rugby club",
                "when_text": "2017 to 2019",
                "category": "positive-activity",
                "certainty": "reported",
                "source": "child",
                "significant": "on",
            },
            {
                "title": "Nan looked after them",
                "when_text": "around age 7",
                "category": "trusted-adult",
                "certainty": "believed",
                "visibility": "clinical",
            },
        ),
    )
    assert response.status_code == 302
    saved = list(TimelineEvent.objects.order_by("starts_on"))
    assert [(e.title, e.precision, e.source_kind, e.valence) for e in saved] == [
        ("Dad moved out", "year", "agency", "adverse"),
        ("Joined the rugby club", "range", "child", "positive"),
        ("Nan looked after them", "age", "agency", "positive"),
    ]
    assert saved[2].visibility == "clinical"
    assert saved[1].significant
    assert AuditEvent.objects.filter(verb=Verb.RECORD_TIMELINE_EVENT).count() == 3


@pytest.mark.django_db
def test_add_several_reports_every_bad_row_and_saves_none(world: World, signed_in: SignIn) -> None:
    child = a_child(world)
    client = signed_in(world.person("psychologist"))
    response = client.post(
        reverse("timeline:add-several", args=[child.pk]),
        rows(
            {**ROW, "certainty": "confirmed"},
            {**ROW, "title": "", "when_text": "2017 to 2015", "certainty": "reported"},
            {**ROW, "when_text": "age 30", "certainty": "reported"},
            {**ROW, "when_text": "last summer", "certainty": ""},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing has been saved" in page
    for expected in (
        "Row 2: Enter what happened",
        "Row 2: The end of the period must be the same as or after its start",
        "Row 3: Age must be ",
        "Row 4: Enter when it happened as a date",
        "Row 4: Select how sure we are",
    ):
        assert expected in page
    assert 'href="#id_events-1-when_text"' in page
    assert 'id="id_events-2-when_text-error"' in page
    assert 'value="age 30"' in page
    assert 'value="last summer"' in page
    assert not TimelineEvent.objects.exists()

    empty = client.post(reverse("timeline:add-several", args=[child.pk]), rows())
    assert "Enter at least one event" in empty.content.decode()
