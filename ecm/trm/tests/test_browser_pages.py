"""Real Chromium: axe-core on the tier pages, in English and Welsh."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.trm.models import Tier, TierAssessment

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_tier_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    child = world.child(1)
    empty = world.child(1)
    today = timezone.localdate()
    for number, days in ((1, 300), (2, 150), (1, 20)):
        TierAssessment.objects.create(
            child=child,
            tier=Tier.objects.get(number=number),
            assessed_on=today - timedelta(days=days),
            assessed_by=world.person("psychologist"),
            evidence="Seen at school and at home",
        )
    tier = Tier.objects.get(number=1)

    staff = signed_in_context(browser, base, world.person("psychologist"), language)
    page = staff.new_page()
    for path in (
        reverse("trm:history", args=[child.pk]),
        reverse("trm:history", args=[empty.pk]),
        reverse("trm:assess", args=[child.pk]),
    ):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(base + reverse("trm:assess", args=[child.pk]))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    staff.close()

    admin = signed_in_context(browser, base, world.person("service_admin"), language)
    page = admin.new_page()
    for path in (reverse("trm:tiers"), reverse("trm:tier-change", args=[tier.pk])):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    page.fill("#id_name_cy", "")
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    # The conflict page: another administrator saved first.
    page.goto(base + reverse("trm:tier-change", args=[tier.pk]))
    Tier.objects.filter(pk=tier.pk).update(version=7)
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    admin.close()
