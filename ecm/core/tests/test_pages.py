"""Health, security headers and error pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.conftest import World

SignIn = Callable[[User], Client]


@pytest.mark.django_db
def test_health_checks_the_database_and_ping_answers() -> None:
    client = Client()
    health = client.get(reverse("core:health"))
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok"}
    assert client.get(reverse("core:ping")).content == b"pong"


@pytest.mark.django_db
def test_security_headers_on_authenticated_pages(world: World, signed_in: SignIn) -> None:
    response = signed_in(world.person("case_manager")).get(reverse("children:list"))
    assert response["Cache-Control"] == "no-store"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_not_found_page_gives_a_reference(world: World, signed_in: SignIn) -> None:
    response = signed_in(world.person("case_manager")).get(
        reverse("children:detail", args=[999999])
    )
    assert response.status_code == 404
    assert response["X-Request-ID"] in response.content.decode()


@pytest.mark.django_db
def test_home_page_lists_each_roles_work(world: World, signed_in: SignIn) -> None:
    admin_page = signed_in(world.person("service_admin")).get("/").content.decode()
    assert reverse("organisations:people") in admin_page
    assert reverse("children:list") not in admin_page
