"""Real Chromium: axe-core on the intervention catalogue pages, in English and Welsh."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from ecm.conftest import World
from ecm.core.tests.browser import assert_accessible, signed_in_context, submit
from ecm.interventions.models import InterventionType
from ecm.trm.models import Tier

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def site(transactional_db: None, live_server: Any) -> tuple[World, str]:
    return World(), live_server.url


@pytest.mark.parametrize("language", ["en", "cy"])
def test_catalogue_pages_pass_axe(site: tuple[World, str], browser: Browser, language: str) -> None:
    world, base = site
    own = InterventionType.objects.create(
        service=world.services[1],
        code="boxing",
        name="Boxing club",
        name_cy="Clwb bocsio",
        lowest_tier=Tier.objects.get(number=2),
    )
    admin = signed_in_context(browser, base, world.person("service_admin"), language)
    page = admin.new_page()
    for path in (
        reverse("interventions:catalogue"),
        reverse("interventions:add"),
        reverse("interventions:change", args=[own.pk]),
    ):
        response = page.goto(base + path)
        assert response is not None
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(base + reverse("interventions:add"))
    submit(page, "main form button[type=submit]")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    admin.close()
