"""Shared helpers for browser tests in every app: Chromium settings, axe-core, sign-in."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page

from ecm.accounts.models import User
from ecm.conftest import sign_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
              .map(v => `${v.id}: ${v.help} -> ${v.nodes.map(n => n.target.join(' '))}`)"""
    )
    assert violations == [], f"{page.url}: {violations}"


def signed_in_context(browser: Browser, live_url: str, user: User, language: str) -> BrowserContext:
    client = sign_in(Client(), user)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1200, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_url},
        ]
    )
    return context


def submit(page: Page, selector: str) -> None:
    """Clicks a button or link that leads to another page and waits for that page, so
    that the next check never runs against the page being left."""
    with page.expect_navigation():
        page.click(selector)
