"""Offences and orders through HTTP: who may do what, adding one or several offences,
dates that cannot be right, orders with conflict protection, audit and query counts."""

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
from ecm.children.models import Child
from ecm.conftest import World, sign_in
from ecm.core.access import load_actor
from ecm.offending import overview, queries
from ecm.offending.models import Offence, Order, Requirement

SignIn = Callable[[User], Client]


def _date(prefix: str, day: date | None) -> dict[str, str]:
    parts = ("", "", "") if day is None else (str(day.day), str(day.month), str(day.year))
    return {f"{prefix}_day": parts[0], f"{prefix}_month": parts[1], f"{prefix}_year": parts[2]}


def offence_post(committed: date | None = None, **overrides: str) -> dict[str, str]:
    committed = committed or timezone.localdate() - timedelta(days=30)
    values = {
        **_date("offence_date", committed),
        "description": "Took food from a supermarket",
        "category": "theft_and_handling",
        "seriousness": "2",
        "outcome": "youth_caution",
        **_date("proven_on", committed + timedelta(days=7)),
    }
    values.update(overrides)
    return values


def rows_post(rows: dict[int, dict[str, str]]) -> dict[str, str]:
    values = {
        "offences-TOTAL_FORMS": "5",
        "offences-INITIAL_FORMS": "0",
        "offences-MIN_NUM_FORMS": "0",
        "offences-MAX_NUM_FORMS": "5",
    }
    for index in range(5):
        row = rows.get(index, {**_date("offence_date", None), **_date("proven_on", None)})
        values.update({f"offences-{index}-{name}": value for name, value in row.items()})
    return values


def order_post(**overrides: str) -> dict[str, str]:
    start = timezone.localdate() - timedelta(days=60)
    values = {
        "order_type": "referral_order",
        **_date("start_date", start),
        **_date("expected_end_date", start + timedelta(days=270)),
        **_date("end_date", None),
        "responsible_officer": "",
        "version": "1",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "history", "add"),
    [
        ("case_manager", 200, 200),
        ("team_manager", 200, 200),
        ("psychologist", 200, 403),
        ("senior_manager", 200, 403),
        ("partner", 404, 404),
        ("evaluator", 404, 404),
        ("service_admin", 404, 404),
    ],
)
def test_each_role(world: World, signed_in: SignIn, role: str, history: int, add: int) -> None:
    child = world.child(1)
    client = signed_in(world.person(role))
    assert client.get(reverse("offending:history", args=[child.pk])).status_code == history
    response = client.post(reverse("offending:offence-add", args=[child.pk]), offence_post())
    assert response.status_code == (302 if add == 200 else add)
    assert Offence.objects.filter(child=child).exists() == (add == 200)


@pytest.mark.django_db
def test_another_services_child_is_not_found(world: World, signed_in: SignIn) -> None:
    child = world.child(2)
    client = signed_in(world.person("team_manager", 1))
    assert client.get(reverse("offending:history", args=[child.pk])).status_code == 404
    response = client.post(reverse("offending:offence-add", args=[child.pk]), offence_post())
    assert response.status_code == 404
    assert not Offence.objects.exists()


@pytest.mark.django_db
def test_add_an_offence(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("offending:offence-add", args=[child.pk])
    assert "Add an offence" in client.get(url).content.decode()
    response = client.post(url, offence_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("offending:history", args=[child.pk])
    offence = Offence.objects.get(child=child)
    assert offence.seriousness == 2
    assert offence.recorded_by == world.person("case_manager")
    event = AuditEvent.objects.get(verb=Verb.RECORD_OFFENCE)
    assert (event.child_id, event.object_id) == (child.pk, str(offence.pk))
    page = client.get(response["Location"]).content.decode()
    assert "The offence has been recorded" in page
    assert "Took food from a supermarket" in page
    assert AuditEvent.objects.filter(verb=Verb.VIEW_OFFENDING, child_id=child.pk).exists()


@pytest.mark.django_db
def test_add_several_with_one_bad_row_saves_nothing(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    good = offence_post(description="Broke a bus shelter window", category="criminal_damage")
    bad = offence_post(description="Pushed a peer at school", seriousness="9")
    bad["offence_date_month"] = "13"
    also_good = offence_post(description="Graffiti on the leisure centre wall")
    response = client.post(
        reverse("offending:offences-add", args=[child.pk]),
        rows_post({0: good, 1: bad, 3: also_good}),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not Offence.objects.exists()
    assert "Nothing has been saved" in page
    assert "Row 2: Date of the offence must be a real date" in page
    assert "Row 2: Seriousness score must be a whole number from 1 to 8" in page
    assert page.count('<li><a href="#id_offences-') == 2
    assert 'href="#id_offences-1-offence_date_day"' in page
    assert 'href="#id_offences-1-seriousness"' in page
    # Everything typed is still there.
    for kept in (
        "Broke a bus shelter window",
        "Pushed a peer at school",
        "Graffiti on the leisure centre wall",
        'value="13"',
        'value="9"',
    ):
        assert kept in page
    assert not AuditEvent.objects.filter(verb=Verb.RECORD_OFFENCE).exists()


@pytest.mark.django_db
def test_add_several_ignores_blank_rows(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("team_manager"))
    url = reverse("offending:offences-add", args=[child.pk])
    response = client.post(url, rows_post({0: offence_post(), 2: offence_post()}))
    assert response.status_code == 302
    assert Offence.objects.filter(child=child).count() == 2
    assert AuditEvent.objects.filter(verb=Verb.RECORD_OFFENCE, child_id=child.pk).count() == 2
    empty = client.post(url, rows_post({}))
    assert empty.status_code == 200
    assert "Enter at least one offence" in empty.content.decode()
    # A form posted without its row count (not from this page) is refused, not an error.
    assert client.post(url, {}).status_code == 200
    assert Offence.objects.filter(child=child).count() == 2


@pytest.mark.django_db
def test_impossible_dates_are_refused_at_the_field(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2012, 5, 1))
    client = signed_in(world.person("case_manager"))
    url = reverse("offending:offence-add", args=[child.pk])
    today = timezone.localdate()
    cases = [
        (offence_post(date(2012, 4, 30)), "Date of the offence must be on or after the child"),
        (offence_post(today + timedelta(days=1)), "Date of the offence must be today or in"),
        (
            offence_post(
                today - timedelta(days=10), **_date("proven_on", today - timedelta(days=11))
            ),
            "Date proven must be on or after the date of the offence",
        ),
        (
            offence_post(today - timedelta(days=10), **_date("proven_on", today + timedelta(1))),
            "Date proven must be today or in the past",
        ),
        (offence_post(seriousness="0"), "Seriousness score must be a whole number from 1 to 8"),
        (offence_post(seriousness="high"), "Seriousness score must be a whole number"),
    ]
    for values, message in cases:
        response = client.post(url, values)
        page = response.content.decode()
        assert response.status_code == 200, message
        assert "There is a problem" in page
        assert message in page.replace("&#x27;", "'")
        assert 'class="govuk-error-message"' in page
    assert not Offence.objects.exists()


@pytest.mark.django_db
def test_orders_and_their_rules(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("offending:order-add", args=[child.pk])
    refused = client.post(url, {**order_post(), "requirements": ["curfew"]}).content.decode()
    assert "Only a youth rehabilitation order has requirements" in refused
    assert 'href="#id_requirements_0"' in refused
    start = timezone.localdate() - timedelta(days=60)
    backwards = client.post(
        url, order_post(**_date("expected_end_date", start - timedelta(days=1)))
    ).content.decode()
    assert "Expected end date must be on or after the start date" in backwards
    assert not Order.objects.exists()
    saved = client.post(
        url,
        {
            **order_post(order_type="youth_rehabilitation_order"),
            "requirements": ["supervision", "curfew"],
            "responsible_officer": str(world.person("case_manager").pk),
        },
    )
    assert saved.status_code == 302
    order = Order.objects.get(child=child)
    assert order.requirements == ["supervision", "curfew"]
    assert order.is_current(timezone.localdate())
    assert order.is_statutory
    assert AuditEvent.objects.filter(verb=Verb.RECORD_ORDER, object_id=str(order.pk)).exists()
    page = client.get(reverse("offending:history", args=[child.pk])).content.decode()
    assert "Youth rehabilitation order" in page
    assert "Supervision, Curfew" in page
    change = client.get(reverse("offending:order-change", args=[child.pk, order.pk]))
    form = change.content.decode()
    assert form.count('type="checkbox"') == len(Requirement)
    assert 'value="supervision" checked' in form
    assert 'value="curfew" checked' in form


@pytest.mark.django_db
def test_two_people_changing_an_order_never_overwrite_each_other(world: World) -> None:
    child = world.child(1)
    order = Order.objects.create(
        child=child,
        order_type="referral_order",
        start_date=timezone.localdate() - timedelta(days=60),
        recorded_by=world.person("case_manager"),
    )
    url = reverse("offending:order-change", args=[child.pk, order.pk])
    first = sign_in(Client(), world.person("case_manager"))
    second = sign_in(Client(), world.person("team_manager"))
    end = timezone.localdate() + timedelta(days=100)
    other_end = timezone.localdate() + timedelta(days=200)
    assert first.post(url, order_post(**_date("expected_end_date", end))).status_code == 302
    clash = second.post(url, order_post(**_date("expected_end_date", other_end)))
    page = clash.content.decode()
    assert clash.status_code == 409
    assert "Someone else changed this order" in page
    assert f'value="{other_end.year}"' in page
    assert 'name="version" value="2"' in page
    order.refresh_from_db()
    assert order.expected_end_date == end
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, object_type="order").count() == 1
    again = second.post(url, order_post(version="2", **_date("expected_end_date", other_end)))
    assert again.status_code == 302
    order.refresh_from_db()
    assert (order.expected_end_date, order.version) == (other_end, 3)
    assert AuditEvent.objects.filter(verb=Verb.UPDATE_ORDER, object_id=str(order.pk)).count() == 2


@pytest.mark.django_db
def test_an_order_of_another_child_is_not_found(world: World, signed_in: SignIn) -> None:
    child, other = world.child(1), world.child(1)
    order = Order.objects.create(
        child=other,
        order_type="youth_caution",
        start_date=date(2026, 1, 1),
        recorded_by=world.person("case_manager"),
    )
    client = signed_in(world.person("case_manager"))
    url = reverse("offending:order-change", args=[child.pk, order.pk])
    assert client.get(url).status_code == 404


def _offence(child: Child, user: User, committed: date) -> Offence:
    return Offence.objects.create(
        child=child,
        offence_date=committed,
        description="Took a phone charger from a shop",
        category="theft_and_handling",
        seriousness=2,
        outcome="community_resolution",
        recorded_by=user,
    )


@pytest.mark.django_db
def test_counts_over_12_and_24_months(world: World) -> None:
    child = world.child(1)
    user = world.person("case_manager")
    on = date(2026, 9, 1)
    for committed in (
        date(2026, 9, 1),  # counted: the day itself
        date(2025, 9, 1),  # counted: exactly 12 months before
        date(2025, 8, 31),  # 24 months only
        date(2024, 9, 1),  # 24 months only
        date(2024, 8, 31),  # too old
        date(2026, 9, 2),  # after the day
    ):
        _offence(child, user, committed)
    assert queries.offence_counts(child, on) == queries.OffenceCounts(2, 4, 6)
    assert queries.months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)


def _history_queries(client: Client, child: Child) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("offending:history", args=[child.pk]))
        assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_history_query_count_is_the_same_for_1_and_20_offences(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    user = world.person("case_manager")
    client = signed_in(user)
    _offence(child, user, date(2026, 1, 10))
    Order.objects.create(
        child=child,
        order_type="referral_order",
        start_date=date(2026, 2, 1),
        responsible_officer=user,
        recorded_by=user,
    )
    one = _history_queries(client, child)
    for day in range(19):
        _offence(child, user, date(2025, 1, 1 + day))
        Order.objects.create(
            child=child,
            order_type="youth_caution",
            start_date=date(2025, 2, 1 + day),
            end_date=date(2025, 2, 1 + day),
            responsible_officer=world.person("team_manager"),
            recorded_by=user,
        )
    twenty = _history_queries(client, child)
    assert one == twenty == 12


@pytest.mark.django_db
def test_overview_section_for_readers_only(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    user = world.person("case_manager")
    _offence(child, user, timezone.localdate() - timedelta(days=3))
    Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=timezone.localdate() - timedelta(days=20),
        expected_end_date=timezone.localdate() + timedelta(days=300),
        responsible_officer=world.person("team_manager"),
        recorded_by=user,
    )
    Order.objects.create(
        child=child,
        order_type="referral_order",
        start_date=date(2024, 1, 1),
        end_date=date(2024, 9, 1),
        recorded_by=user,
    )
    for role in ("case_manager", "psychologist", "team_manager", "senior_manager"):
        page = signed_in(world.person(role)).get(reverse("children:detail", args=[child.pk]))
        text = page.content.decode()
        assert "Offending and orders" in text, role
        assert "Youth rehabilitation order" in text
        assert "Responsible officer: Team Manager 1" in text
        assert "Referral order" not in text
    partner = load_actor(world.person("partner"))
    assert overview.section(partner, child) is None
