"""Service administrators publish rule sets as new versions and choose when they apply."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.conftest import World
from ecm.eligibility.models import RuleSet, ServiceRuleSet
from ecm.eligibility.queries import current_rule_set

SignIn = Callable[[User], Client]


def test_shipped_rule_sets_exist(db: None) -> None:
    keys = set(RuleSet.objects.values_list("key", flat=True))
    assert {"wales-trial-original", "wales-trial-revised", "trauma-informed", "prevention"} <= keys


@pytest.mark.django_db
def test_publish_a_rule_set_then_a_new_version(world: World, signed_in: SignIn) -> None:
    admin = signed_in(world.person("service_admin"))
    url = reverse("eligibility:publish")
    page = admin.post(url, {"name": "Local", "name_cy": "Lleol"}).content.decode()
    assert "Choose at least one criterion" in page
    page = admin.post(
        url,
        {"name": "Local", "name_cy": "Lleol", "use_age": "on", "age_min": "15", "age_max": "9"},
    ).content.decode()
    assert "The oldest age must not be below the youngest" in page
    page = admin.post(
        url, {"name": "Local", "name_cy": "Lleol", "use_offences": "on"}
    ).content.decode()
    assert "Enter a number for this criterion" in page
    assert 'value="Lleol"' in page
    response = admin.post(
        url,
        {
            "name": "Local",
            "name_cy": "Lleol",
            "use_needs": "on",
            "needs_threshold": "2",
            "use_trauma": "on",
        },
    )
    first = RuleSet.objects.get(key="local")
    assert response["Location"] == reverse("eligibility:rule-set", args=[first.pk])
    assert first.version == 1
    assert first.service == world.services[1]
    form = admin.get(url + f"?from={first.pk}").content.decode()
    assert 'name="key" value="local"' in form
    admin.post(
        url + f"?from={first.pk}",
        {
            "key": "local",
            "name": "Local",
            "name_cy": "Lleol",
            "use_needs": "on",
            "needs_threshold": "4",
        },
    )
    second = RuleSet.objects.get(key="local", version=2)
    assert second.criteria.get().threshold == 4
    assert first.criteria.count() == 2  # the first version is unchanged


@pytest.mark.django_db
def test_choose_rules_with_an_effective_date(world: World, signed_in: SignIn) -> None:
    admin = signed_in(world.person("service_admin"))
    original = RuleSet.objects.get(key="wales-trial-original")
    revised = RuleSet.objects.get(key="wales-trial-revised")
    for rule_set, year in ((original, "2023"), (revised, "2025")):
        response = admin.post(
            reverse("eligibility:rules"),
            {
                "route": "youth_justice",
                "rule_set": rule_set.pk,
                "effective_from_day": "1",
                "effective_from_month": "4",
                "effective_from_year": year,
            },
        )
        assert response.status_code == 302
    service = world.services[1]
    assert current_rule_set(service, "youth_justice", date(2024, 6, 1)) == original
    assert current_rule_set(service, "youth_justice", date(2025, 4, 1)) == revised
    assert current_rule_set(service, "youth_justice", date(2022, 1, 1)) is None
    assert ServiceRuleSet.objects.filter(service=world.services[2]).count() == 0
    other = RuleSet.objects.create(key="theirs", name="T", name_cy="T", service=world.services[2])
    response = admin.post(
        reverse("eligibility:rules"),
        {
            "route": "youth_justice",
            "rule_set": other.pk,
            "effective_from_day": "1",
            "effective_from_month": "4",
            "effective_from_year": "2026",
        },
    )
    assert "Select a valid choice" in response.content.decode()
