"""Real Chromium: axe-core on the plan pages and "My plan", in English and Welsh."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.plans import services
from ecm.plans.models import MyPlan, PlanItem
from ecm.plans.tests.factories import approved_report, assess

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_plan_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1)
    empty = world.child(1)
    today = timezone.localdate()
    assess(child, 1, today - timedelta(days=60))
    report = approved_report(child)
    services.create_from_report(
        actor=load_actor(world.person("case_manager")), child=child, report=report
    )
    assess(child, 2, today)
    item = PlanItem.objects.get(child=child, number=1)
    MyPlan.objects.create(
        child=child,
        audience="child",
        language="cy",
        worker="Sam yw dy weithiwr di.",
        first_steps="Cwrdd bob dydd Mawrth.",
        what_matters="Fy chwaer.",
        get_help="Ffonio Sam.",
        updated_by=world.person("case_manager"),
    )

    staff = signed_in_context(browser, base, world.person("case_manager"), language)
    page = staff.new_page()
    for path in (
        reverse("plans:plan", args=[child.pk]),
        reverse("plans:plan", args=[empty.pk]),
        reverse("plans:create", args=[child.pk]),
        reverse("plans:create", args=[empty.pk]),
        reverse("plans:item", args=[child.pk, item.pk]),
        reverse("plans:my-plan", args=[child.pk, "child", "en"]),
        reverse("plans:my-plan", args=[child.pk, "child", "cy"]),
        reverse("plans:my-plan-print", args=[child.pk, "child", "cy"]),
    ):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    # Dropping without a reason: the error at the field.
    page.goto(base + reverse("plans:item", args=[child.pk, item.pk]))
    page.check("input[name=status][value=dropped]")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    # Checking readability shows the reading age without saving.
    page.goto(base + reverse("plans:my-plan", args=[child.pk, "carer", "en"]))
    submit(page, "main form button[value=check]")
    expect(page.locator("#readability")).to_be_visible()
    assert_accessible(page)
    staff.close()
