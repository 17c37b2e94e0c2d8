"""Real Chromium: axe-core on every offending and needs page, in English and Welsh,
including forms with errors, as a case manager."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.models import Offence, Order

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_offending_and_needs_pages_pass_axe(
    site: tuple[World, str], browser: Browser, language: str
) -> None:
    world, base = site
    user = world.person("case_manager")
    child = world.child(1, legal_first_name="Ffion")
    today = timezone.localdate()
    Offence.objects.create(
        child=child,
        offence_date=today - timedelta(days=40),
        description="Broke a bus shelter window",
        category="criminal_damage",
        seriousness=2,
        outcome="referral_order",
        proven_on=today - timedelta(days=10),
        recorded_by=user,
    )
    order = Order.objects.create(
        child=child,
        order_type="youth_rehabilitation_order",
        start_date=today - timedelta(days=10),
        expected_end_date=today + timedelta(days=300),
        requirements=["supervision", "curfew"],
        responsible_officer=user,
        recorded_by=user,
    )
    for need_type in NeedType.objects.filter(code__in=["bereavement", "mental-health"]):
        ChildNeed.objects.create(
            child=child, need_type=need_type, evidence="Noted by school", recorded_by=user
        )

    context = signed_in_context(browser, base, user, language)
    page = context.new_page()
    for path in [
        reverse("children:detail", args=[child.pk]),
        reverse("offending:history", args=[child.pk]),
        reverse("offending:offence-add", args=[child.pk]),
        reverse("offending:offences-add", args=[child.pk]),
        reverse("offending:order-add", args=[child.pk]),
        reverse("offending:order-change", args=[child.pk, order.pk]),
        reverse("needs:summary", args=[child.pk]),
        reverse("needs:change", args=[child.pk]),
    ]:
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)

    # Several offences with a bad row: errors in the summary and at each field.
    page.goto(base + reverse("offending:offences-add", args=[child.pk]))
    page.fill("#id_offences-0-description", "Took food from a shop")
    page.fill("#id_offences-1-offence_date_month", "13")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator(".govuk-error-message").count() > 4
    assert_accessible(page)

    # One offence, an order and the needs with errors.
    page.goto(base + reverse("offending:offence-add", args=[child.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(base + reverse("offending:order-add", args=[child.pk]))
    page.check("#id_order_type_0")
    page.check("#id_requirements_0")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(base + reverse("needs:change", args=[child.pk]))
    substance = NeedType.objects.get(code="substance-misuse")
    page.check(f"#id_need_{substance.pk}")
    submit(page, "main form button[type=submit]")
    expect(page.locator(f"#id_evidence_{substance.pk}-error")).to_be_visible()
    assert_accessible(page)

    # The conflict page: someone else saves the order while this person changes it.
    page.goto(base + reverse("offending:order-change", args=[child.pk, order.pk]))
    Order.objects.filter(pk=order.pk).update(version=5)
    submit(page, "main form button[type=submit]")
    expect(page.locator("main table").first).to_be_visible()
    assert_accessible(page)
    context.close()
