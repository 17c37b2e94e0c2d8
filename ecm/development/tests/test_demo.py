"""The developmental mapping demo data: well below their age, with some progress."""

from __future__ import annotations

import pytest

from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.development import demo, queries
from ecm.development.models import DevelopmentalMapping
from ecm.organisations.models import Service


@pytest.mark.django_db
@pytest.mark.parametrize("demo_service", data.SERVICES, ids=lambda s: s.code)
def test_demo_mappings_show_a_gap_and_progress(demo_service: data.DemoService) -> None:
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    created = demo.load_demo(service, demo_service.number)
    assert created > 30
    assert demo.load_demo(service, demo_service.number) == 0

    mappings = list(
        DevelopmentalMapping.objects.filter(child__service=service)
        .select_related("child")
        .prefetch_related("estimates")
    )
    children = {m.child_id for m in mappings}
    assert len(children) >= 5
    assert len(mappings) > len(children)  # some children were mapped twice
    for mapping in mappings:
        age = queries.age_on_mapping(mapping)
        for estimate in mapping.estimates.all():
            assert estimate.functioning_months <= age
            assert 0 <= estimate.functioning_age_months <= 11
            assert estimate.evidence
            assert estimate.source
        emotional = [e for e in mapping.estimates.all() if e.domain == "emotional"]
        assert emotional
        assert age - emotional[0].functioning_months >= 24
    by_child: dict[int, list[DevelopmentalMapping]] = {}
    for mapping in mappings:
        by_child.setdefault(mapping.child_id, []).append(mapping)
    twice = next(found for found in by_child.values() if len(found) == 2)
    first, second = sorted(twice, key=lambda m: m.mapped_on)
    before = {e.domain: e.functioning_months for e in first.estimates.all()}
    after = {e.domain: e.functioning_months for e in second.estimates.all()}
    assert after["emotional"] > before["emotional"]
