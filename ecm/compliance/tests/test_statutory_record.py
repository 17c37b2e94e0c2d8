"""The statutory record of each order stays complete and visible: failures to comply,
warnings and their warned period, and the flag when a further failure would require
breach proceedings by law. The warning letter is a tagged PDF in the child's language."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta

import pikepdf
import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.appointments.tests import factories
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.compliance import activity, documents, overview, queries
from ecm.compliance.models import DecisionState
from ecm.compliance.statutory import months_after
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.offending.models import Order, OrderType

SignIn = Callable[[User], Client]


def _order(
    world: World, child: Child, order_type: str = OrderType.YOUTH_REHABILITATION_ORDER
) -> Order:
    return Order.objects.create(
        child=child,
        order_type=order_type,
        start_date=timezone.localdate() - timedelta(days=300),
        expected_end_date=timezone.localdate() + timedelta(days=300),
        recorded_by=world.person("case_manager"),
    )


def _warning(child: Child, order: Order, missed_days_ago: int, given_days_ago: int) -> None:
    follow_up = factories.missed(child, days=-missed_days_ago)
    factories.decision(
        follow_up,
        order=order,
        effective_on=timezone.localdate() - timedelta(days=given_days_ago),
    )


def test_months_after() -> None:
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2026, 11, 22), 12) == date(2027, 11, 22)


@pytest.mark.django_db
def test_failures_warnings_and_the_breach_flag(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    order = _order(world, child)
    today = timezone.localdate()
    _warning(child, order, missed_days_ago=100, given_days_ago=98)
    [record] = queries.statutory_records(child, today)
    assert len(record.failures) == len(record.warnings) == 1
    assert record.breach_if_another_failure_until is None
    _warning(child, order, missed_days_ago=40, given_days_ago=38)
    [record] = queries.statutory_records(child, today)
    assert record.breach_if_another_failure_until == months_after(today - timedelta(days=98), 12)
    # An acceptable absence is not a failure; a failure still waiting for sign-off is not
    # counted yet but is shown.
    factories.decision(factories.missed(child, days=-20), kind="acceptable", order=order)
    factories.decision(
        factories.missed(child, days=-5),
        kind="no_further_action",
        order=order,
        state=DecisionState.AWAITING_SIGN_OFF,
    )
    [record] = queries.statutory_records(child, today)
    assert (len(record.failures), len(record.awaiting)) == (2, 1)
    assert record.breach_required_for == []
    page = (
        signed_in(world.person("senior_manager"))
        .get(reverse("compliance:record", args=[child.pk]))
        .content.decode()
    )
    assert "a further failure to comply before" in page
    assert "would require breach proceedings by law" in page
    assert "Waiting for sign-off" in page

    # A further unacceptable absence after the second warning, without breach proceedings.
    follow_up = factories.missed(child, days=-3)
    factories.decision(follow_up, kind="no_further_action", order=order)
    [record] = queries.statutory_records(child, today)
    assert [d.follow_up_id for d in record.breach_required_for] == [follow_up.pk]
    page = (
        signed_in(world.person("case_manager"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "Breach proceedings are required by law" in page
    follow_up_page = (
        signed_in(world.person("case_manager"))
        .get(reverse("compliance:follow-up", args=[child.pk, follow_up.pk]))
        .content.decode()
    )
    assert "the law requires breach proceedings" in follow_up_page


@pytest.mark.django_db
def test_the_warned_period_is_configurable(world: World) -> None:
    child = world.child(1)
    order = _order(world, child)
    _warning(child, order, missed_days_ago=250, given_days_ago=248)
    _warning(child, order, missed_days_ago=40, given_days_ago=38)
    [record] = queries.statutory_records(child, timezone.localdate())
    assert record.breach_if_another_failure_until is not None
    with override_settings(ECM_WARNED_PERIOD_MONTHS=6):
        [record] = queries.statutory_records(child, timezone.localdate())
        assert record.breach_if_another_failure_until is None


@pytest.mark.django_db
def test_only_a_youth_rehabilitation_order_has_the_mandatory_rule(world: World) -> None:
    child = world.child(1)
    order = _order(world, child, OrderType.REFERRAL_ORDER)
    _warning(child, order, missed_days_ago=60, given_days_ago=58)
    _warning(child, order, missed_days_ago=30, given_days_ago=28)
    [record] = queries.statutory_records(child, timezone.localdate())
    assert len(record.warnings) == 2
    assert record.breach_if_another_failure_until is None
    assert not record.mandatory_rules_apply


@pytest.mark.django_db
@pytest.mark.parametrize(("preference", "language"), [("cy", "cy"), ("en", "en"), ("other", "en")])
def test_the_warning_letter_is_a_tagged_pdf_in_the_childs_language(
    world: World, signed_in: SignIn, preference: str, language: str
) -> None:
    child = world.child(1, preferred_name="Ffi", language_preference=preference)
    order = _order(world, child)
    follow_up = factories.missed(child)
    decision = factories.decision(follow_up, order=order)
    response = signed_in(world.person("psychologist")).get(
        reverse("compliance:warning-letter", args=[child.pk, decision.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert str(pdf.Root.Lang) == language
    assert pdf.Root.MarkInfo.Marked
    assert "/StructTreeRoot" in pdf.Root
    event = AuditEvent.objects.get(verb=Verb.DOWNLOAD_WARNING_LETTER)
    assert event.detail == {"language": language}
    html = documents.warning_letter_html(decision)
    assert f'<html lang="{language}">' in html
    assert "Dear Ffi," in html or language == "cy"
    for label in ("offender", "failed", "non-compliant", "Failed"):
        assert label not in html


@pytest.mark.django_db
def test_overview_and_activity_keep_a_constant_query_count(world: World) -> None:
    child = world.child(1)
    order = _order(world, child)
    actor = load_actor(world.person("case_manager"))
    _warning(child, order, missed_days_ago=10, given_days_ago=9)

    def count() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as section_queries:
            assert overview.section(actor, child) is not None
        with CaptureQueriesContext(connection) as activity_queries:
            found = activity.items(actor, child)
        return len(section_queries), len(activity_queries), len(found)

    one = count()
    for days in range(11, 40):
        follow_up = factories.missed(child, days=-days)
        if days % 2:
            factories.decision(follow_up, kind="acceptable", order=order)
    thirty = count()
    assert (one[0], one[1]) == (thirty[0], thirty[1]) == (3, 3)
    assert (one[2], thirty[2]) == (3, 3 + 29 + 15)
    assert activity.items(load_actor(world.person("partner")), child) == []
