"""Real Chromium: axe-core on every voluntary engagement and transition page, in English
and Welsh, including forms with errors and the refused handover pack."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.offending.queries import months_before
from ecm.transitions.tests.factories import ended_order, engagement, episode, plan, step

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_transitions_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    born = months_before(timezone.localdate(), 212)
    young = world.child(1, legal_first_name="Rhodri", date_of_birth=born)
    episode(young)
    made_engagement = engagement(young, started_on=timezone.localdate() - timedelta(weeks=7))
    made_plan = plan(young)
    made_step = step(made_plan)
    prompted = world.child(1, legal_first_name="Efa", date_of_birth=born)
    episode(prompted)
    ended_order(prompted)

    context = signed_in_context(browser, base, world.person("case_manager"), language)
    page = context.new_page()
    for path, status in [
        (reverse("core:home"), 200),
        (reverse("children:detail", args=[young.pk]), 200),
        (reverse("children:detail", args=[prompted.pk]), 200),
        (reverse("transitions:index", args=[young.pk]), 200),
        (reverse("transitions:index", args=[prompted.pk]), 200),
        (reverse("transitions:voluntary-start", args=[prompted.pk]), 200),
        (reverse("transitions:voluntary-review", args=[young.pk, made_engagement.pk]), 200),
        (reverse("transitions:voluntary-end", args=[young.pk, made_engagement.pk]), 200),
        (reverse("transitions:plan-add", args=[prompted.pk]), 200),
        (reverse("transitions:plan-change", args=[young.pk]), 200),
        (reverse("transitions:step-add", args=[young.pk]), 200),
        (reverse("transitions:step-done", args=[young.pk, made_step.pk]), 200),
        (reverse("transitions:transfer-review", args=[young.pk]), 200),
        (reverse("transitions:handover-pack", args=[young.pk]), 409),
    ]:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == status, path
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # Starting voluntary engagement without fresh consent: refused, with the reason.
    page.goto(base + reverse("transitions:voluntary-start", args=[prompted.pk]))
    page.check("#id_ended_order_0")
    page.fill("#id_what_continues", "Boxing")
    later = timezone.localdate() + timedelta(days=90)
    page.fill("#id_planned_end_on_day", str(later.day))
    page.fill("#id_planned_end_on_month", str(later.month))
    page.fill("#id_planned_end_on_year", str(later.year))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator("#id_what_continues")).to_have_value("Boxing")
    assert_accessible(page)

    # A plan with errors.
    page.goto(base + reverse("transitions:plan-add", args=[prompted.pk]))
    page.fill("#id_office", "Aberteifi")
    page.fill("#id_transfer_on_day", "31")
    page.fill("#id_transfer_on_month", "4")
    page.fill("#id_transfer_on_year", "2027")
    submit(page, "main form button[type=submit]")
    expect(page.locator("#id_transfer_on-error")).to_be_visible()
    expect(page.locator("#id_office")).to_have_value("Aberteifi")
    assert_accessible(page)
    context.close()
