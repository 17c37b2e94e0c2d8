"""Real Chromium, in English and Welsh, axe-core on every page along the way: a case
manager books a regular slot and records outcomes (a missed one too) with errors first;
then the follow-up, the psychologist's consultation, the decision and the team manager's
sign-off of a warning whose letter prints. Each person signs in as themselves."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from ecm.appointments.models import Appointment, AppointmentSeries
from ecm.appointments.tests import factories
from ecm.compliance.models import EnforcementDecision, FollowUp
from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.episodes.models import Episode, Stage
from ecm.offending.models import Order

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    assert_accessible(page)


def _date(page: Page, prefix: str, day: Any) -> None:
    page.fill(f"#id_{prefix}_day", str(day.day))
    page.fill(f"#id_{prefix}_month", str(day.month))
    page.fill(f"#id_{prefix}_year", str(day.year))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_appointments_and_the_non_attendance_pathway(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    child = world.child(1, legal_first_name="Ffion", language_preference="cy")
    today = timezone.localdate()
    Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=today - timedelta(days=100),
        expected_end_date=today + timedelta(days=200),
        recorded_by=world.person("case_manager"),
    )
    Episode.objects.create(
        child=child,
        stage=Stage.ACTIVE,
        stage_since=timezone.now(),
        referred_on=today - timedelta(days=60),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Several agencies are worried",
    )
    missed = factories.appointment(child, starts_at=factories.at(-1))
    factories.outcome(factories.appointment(child, starts_at=factories.at(-8)))

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    _visit(page, base + reverse("core:home"))
    expect(
        page.locator(f"a[href='{reverse('appointments:outcome', args=[child.pk, missed.pk])}']")
    ).to_be_visible()
    _visit(page, base + reverse("outcomes:to-record"))
    _visit(page, base + reverse("children:detail", args=[child.pk]))
    _visit(page, base + reverse("appointments:index", args=[child.pk]))

    # A regular slot: first without an end, refused at the field, then booked.
    _visit(page, base + reverse("appointments:book-series", args=[child.pk]))
    first = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    _date(page, "day", first)
    page.fill("#id_start_time", "16:00")
    page.check("#id_frequency_0")
    page.select_option("#id_kind", "one_to_one")
    page.check("#id_mode_0")
    page.fill("#id_place", "Youth centre, Stryd Fawr")
    page.fill("#id_purpose", "Keep the regular Tuesday slot")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_until-error")).to_be_visible()
    assert page.input_value("#id_purpose") == "Keep the regular Tuesday slot"
    assert_accessible(page)
    _date(page, "until", first + timedelta(weeks=6))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-notification-banner")).to_be_visible()
    assert AppointmentSeries.objects.get().appointments.count() == 7
    assert_accessible(page)
    _visit(page, base + reverse("appointments:book", args=[child.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    upcoming = Appointment.objects.filter(series__isnull=False).earliest("starts_at")
    _visit(page, base + reverse("appointments:detail", args=[child.pk, upcoming.pk]))
    _visit(page, base + reverse("appointments:change", args=[child.pk, upcoming.pk]))
    Appointment.objects.filter(pk=upcoming.pk).update(version=4, place="School")
    submit(page, "main form button[type=submit]")
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)

    # The missed appointment: nothing chosen first, then did not attend.
    _visit(page, base + reverse("appointments:outcome", args=[child.pk, missed.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.check("#id_status_2")
    page.fill("#id_against_purpose", "Not held: the child did not come")
    submit(page, "main form button[type=submit]")
    follow_up = FollowUp.objects.get()
    assert_accessible(page)

    # The follow-up: an attempt, the reason given.
    _visit(page, base + reverse("compliance:record", args=[child.pk]))
    _visit(page, base + reverse("compliance:follow-up", args=[child.pk, follow_up.pk]))
    _visit(page, base + reverse("compliance:attempt", args=[child.pk, follow_up.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    _date(page, "day", today - timedelta(days=1))
    page.fill("#id_at_time", "18:00")
    page.check("#id_contacted_1")
    page.check("#id_method_0")
    page.check("#id_result_0")
    submit(page, "main form button[type=submit]")
    _visit(page, base + reverse("compliance:complete", args=[child.pk, follow_up.pk]))
    page.fill("#id_reason_given", "Stayed at a friend's house")
    submit(page, "main form button[type=submit]")
    assert FollowUp.objects.get().completed_at is not None

    # No decision before the psychologist is consulted (the child is in ECM).
    _visit(page, base + reverse("compliance:decision", args=[child.pk, follow_up.pk]))
    page.check("#id_kind_2")
    page.fill("#id_public_protection", "Low risk to others")
    page.fill("#id_vulnerability", "Moved home twice")
    page.fill("#id_ability_to_engage", "Comes when reminded")
    submit(page, "main form button[type=submit]")
    expect(page.locator("#id_kind-error")).to_be_visible()
    assert page.input_value("#id_vulnerability") == "Moved home twice"
    assert_accessible(page)
    context.close()

    context = signed_in_context(browser, base, world.person("psychologist"), language)
    page = context.new_page()
    _visit(page, base + reverse("compliance:consultation", args=[child.pk, follow_up.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.select_option("#id_psychologist", str(world.person("psychologist").pk))
    _date(page, "consulted_on", today)
    page.fill("#id_formulation_says", "Missed sessions follow nights away from home")
    page.check("#id_changes_0")
    page.fill("#id_change_detail", "Straight after school")
    page.fill("#id_advice", "Warn only with the change in place")
    submit(page, "main form button[type=submit]")
    context.close()

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    _visit(page, base + reverse("compliance:decision", args=[child.pk, follow_up.pk]))
    page.check("#id_kind_2")
    page.fill("#id_public_protection", "Low risk to others")
    page.fill("#id_vulnerability", "Moved home twice")
    page.fill("#id_ability_to_engage", "Comes when reminded")
    submit(page, "main form button[type=submit]")
    decision = EnforcementDecision.objects.get()
    assert decision.state == "awaiting"
    context.close()

    context = signed_in_context(browser, base, world.person("team_manager"), language)
    page = context.new_page()
    _visit(page, base + reverse("core:home"))
    _visit(page, base + reverse("compliance:sign-off", args=[child.pk, decision.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.check("#id_agree_0")
    submit(page, "main form button[type=submit]")
    assert_accessible(page)
    link = page.locator(
        f"a[href='{reverse('compliance:warning-letter', args=[child.pk, decision.pk])}']"
    )
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"warning-letter-{decision.pk}.pdf"
    context.close()
