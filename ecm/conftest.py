"""Shared test fixtures: two services, a persona per role in each, and children."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from itertools import count
from typing import Any

import pytest
from django.test import Client

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.core import plugins
from ecm.organisations.models import Membership, PartnerAgency, Role, Service, Team

ROLES = [r.value for r in Role]
_numbers = count(1)


def make_user(username: str, *, full_name: str = "", language: str = "en") -> User:
    user = User.objects.create_user(
        username=username,
        password="a-long-test-password",
        full_name=full_name or username.replace("-", " ").title(),
        email=f"{username}@example.org",
        language=language,
    )
    return user


def make_child(service: Service, **fields: object) -> Child:
    n = next(_numbers)
    values: dict[str, object] = {
        "local_reference": f"REF{n:05d}",
        "legal_first_name": f"Child{n}",
        "legal_last_name": "Testchild",
        "date_of_birth": date(2010, 1, 1 + n % 28),
        "gender": "female",
        "ethnicity": "not_stated",
        "language_preference": "en",
    }
    values.update(fields)
    return Child.objects.create(service=service, **values)


class World:
    """Two services, each with a team, an agency and one persona per role."""

    def __init__(self) -> None:
        self.services: dict[int, Service] = {}
        self.teams: dict[int, Team] = {}
        self.agencies: dict[int, PartnerAgency] = {}
        self.people: dict[tuple[str, int], User] = {}
        for n in (1, 2):
            service = Service.objects.create(name=f"Test Service {n}", code=f"test-{n}")
            self.services[n] = service
            self.teams[n] = Team.objects.create(service=service, name=f"Team {n}")
            self.agencies[n] = PartnerAgency.objects.create(
                service=service, name=f"Agency {n}", kind="education"
            )
            for role in ROLES:
                user = make_user(f"{role.replace('_', '-')}-{n}")
                Membership.objects.create(
                    user=user,
                    service=service,
                    role=role,
                    team=self.teams[n] if role in {"case_manager", "team_manager"} else None,
                    agency=self.agencies[n] if role == "partner" else None,
                )
                self.people[(role, n)] = user

    def person(self, role: str, n: int = 1) -> User:
        return self.people[(role, n)]

    def child(self, n: int = 1, **fields: object) -> Child:
        fields.setdefault("case_manager", self.person("case_manager", n))
        fields.setdefault("team", self.teams[n])
        return make_child(self.services[n], **fields)


@pytest.fixture
def world(db: None) -> World:
    return World()


def sign_in(client: Client, user: User) -> Client:
    """Signs in as if both factors had been given."""
    client.force_login(user)
    session = client.session
    session["signed_in_at"] = time.time()
    session.save()
    return client


@pytest.fixture
def signed_in(client: Client) -> Callable[[User], Client]:
    def _sign_in(user: User) -> Client:
        return sign_in(client, user)

    return _sign_in


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Debian's Chromium, never a downloaded browser."""
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args() -> dict[str, Any]:
    # axe-core is injected by the tests, which the pages' CSP would otherwise refuse.
    return {"bypass_csp": True, "viewport": {"width": 1200, "height": 900}}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Real-thread tests commit, so they run as transactional tests (which pytest-django
    runs after all the others)."""
    for item in items:
        if item.get_closest_marker("commits"):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests (browser tests with a live server, real-thread tests) empty
    the database after themselves, reference data that migrations ship included. Each
    of them puts that data back first. (Serialized rollback is not used: it breaks on
    content types re-created by an earlier flush, and Playwright's event loop gives
    browser tests a database connection of their own.)"""
    if request.node.get_closest_marker("browser") or request.node.get_closest_marker("commits"):
        request.getfixturevalue("transactional_db")
        for module in plugins.app_modules("reference"):
            module.ensure_reference_data()
