"""Small helpers for the developmental mapping tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from ecm.children.models import Child
from ecm.development.models import DevelopmentalMapping, DomainEstimate


def mapping(
    child: Child, mapped_on: date = date(2026, 6, 1), **ages: tuple[int, int]
) -> DevelopmentalMapping:
    """A mapping with an estimate per domain given as years and months, for example
    mapping(child, emotional=(9, 6))."""
    recorder = child.case_manager
    assert recorder is not None
    made = DevelopmentalMapping.objects.create(
        child=child, mapped_on=mapped_on, recorded_by=recorder
    )
    for domain, (years, months) in (ages or {"emotional": (9, 6)}).items():
        DomainEstimate.objects.create(
            mapping=made,
            domain=domain,
            functioning_age_years=years,
            functioning_age_months=months,
            evidence=f"Seen at school and at home ({domain})",
            source="Clinical psychologist's observation, May 2026",
        )
    return made


def mapping_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "mapped_on_day": "3",
        "mapped_on_month": "9",
        "mapped_on_year": "2026",
        "emotional_years": "9",
        "emotional_months": "6",
        "emotional_evidence": "Meltdowns when plans change, like a much younger child",
        "emotional_source": "Clinical psychologist's observation, August 2026",
        "notes": "",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
