"""Every URL × every role × own/other service answers as the matrix expects."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ecm.conftest import World, sign_in
from ecm.core import plugins
from ecm.core.tests.access_matrix import MATRIX, ROLES
from ecm.organisations.models import Membership


def _url_names(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                names.add("admin:*")
                continue
            names |= _url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL {entry.pattern} has no name, so it cannot be in the matrix"
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_has_an_entry() -> None:
    missing = _url_names() - set(MATRIX)
    stale = set(MATRIX) - _url_names()
    assert not missing, f"URLs with no entry in access_matrix.MATRIX: {sorted(missing)}"
    assert not stale, f"Entries for URLs that no longer exist: {sorted(stale)}"


def _kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    for module in plugins.app_modules("tests.access"):
        if name in module.ACCESS and hasattr(module, "url_kwargs"):
            kwargs: dict[str, object] = module.url_kwargs(name, world, relation)
            return kwargs
    if name in {"children:detail", "children:edit", "audit:child-log"}:
        return {"child_id": world.child(n).pk}
    if name in {"organisations:person-change", "organisations:person-reset-mfa"}:
        return {"membership_id": Membership.objects.filter(service=world.services[n]).first().pk}  # type: ignore[union-attr]
    if name == "organisations:team-change":
        return {"team_id": world.teams[n].pk}
    if name == "core:language":
        return {"code": "cy"}
    if name == "accounts:password-set":
        return {"uidb64": "MQ", "token": "set-password"}
    return {}


def _url(name: str, world: World, relation: str) -> str:
    if name == "admin:*":
        return reverse("admin:index")
    return reverse(name, kwargs=_kwargs(name, world, relation))


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name: str, world: World) -> None:
    expectations = MATRIX[name]
    mismatches = []
    for who in ("anonymous", *ROLES):
        expected = expectations[who]
        relations = ("own", "other") if isinstance(expected, tuple) else ("own",)
        for index, relation in enumerate(relations):
            want = expected[index] if isinstance(expected, tuple) else expected
            client = Client()
            if who != "anonymous":
                sign_in(client, world.person(who, 1))
            got = client.get(_url(name, world, relation)).status_code
            if got != want:
                mismatches.append(f"{who}/{relation}: expected {want}, got {got}")
    assert not mismatches, f"{name}: " + "; ".join(mismatches)
