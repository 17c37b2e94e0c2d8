"""The sequencing rules: a recommendation above where the child is warns, naming the
reason; a warned recommendation needs a clinical rationale to be kept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from ecm.formulation.models import Recommendation
from ecm.formulation.sequencing import warnings
from ecm.interventions.models import InterventionType
from ecm.trm.models import Tier


def _rec(
    tier: int, *, lowest: int | None = None, domain: str = "", months: int | None = None
) -> Recommendation:
    item = Recommendation(what="Work", tier=Tier(number=tier, name=f"Tier {tier}"))
    if lowest is not None:
        item.intervention = InterventionType(
            name="Victim empathy",
            name_cy="Empathi tuag at ddioddefwyr",
            lowest_tier=Tier(number=lowest, name="x"),
            needs_domain=domain,
            needs_age_months=months,
        )
    return item


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_intervention_above_the_childs_tier_names_the_reason() -> None:
    item = _rec(4, lowest=4)
    assert warnings(item, 1, {}) == ["Victim empathy needs tier 4; this child is at tier 1"]


def test_at_or_below_the_childs_tier_does_not_warn() -> None:
    assert warnings(_rec(1, lowest=1), 1, {}) == []
    assert warnings(_rec(2, lowest=1), 3, {}) == []


def test_recommendation_tier_above_the_child_warns_without_a_type() -> None:
    assert warnings(_rec(3), 2, {}) == ["This recommendation needs tier 3; this child is at tier 2"]


def test_placed_lower_than_its_type_suits_uses_the_types_tier() -> None:
    assert warnings(_rec(1, lowest=4), 2, {}) == [
        "Victim empathy needs tier 4; this child is at tier 2"
    ]


def test_unknown_tier_is_never_silently_ignored() -> None:
    assert warnings(_rec(1, lowest=1), None, {}) == [
        "Victim empathy needs tier 1; this child's tier has not been assessed yet"
    ]


def test_developmental_level_below_what_the_type_needs_warns() -> None:
    item = _rec(4, lowest=4, domain="emotional", months=132)
    assert warnings(item, 4, {"emotional": 114}) == [
        "Victim empathy needs a functioning age of 11 years in the emotional area; "
        "this child is mapped at 9 years 6 months"
    ]


def test_developmental_level_reached_does_not_warn() -> None:
    item = _rec(4, lowest=4, domain="emotional", months=132)
    assert warnings(item, 4, {"emotional": 140}) == []


def test_domain_not_mapped_warns() -> None:
    item = _rec(4, lowest=4, domain="emotional", months=132)
    assert warnings(item, 4, {}) == [
        "Victim empathy needs a functioning age of 11 years in the emotional area; "
        "this child's emotional development has not been mapped yet"
    ]


def test_both_reasons_are_given() -> None:
    item = _rec(4, lowest=4, domain="emotional", months=132)
    assert len(warnings(item, 1, {"emotional": 100})) == 2


def test_warning_in_welsh_uses_the_welsh_name() -> None:
    with translation.override("cy"):
        assert "Empathi tuag at ddioddefwyr" in warnings(_rec(4, lowest=4), 1, {})[0]
