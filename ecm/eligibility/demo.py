"""Demo: each service's choice of rule sets over time, and one locally published set."""

from __future__ import annotations

from datetime import date

from ecm.accounts.models import User
from ecm.eligibility.models import Criterion, RuleSet, ServiceRuleSet
from ecm.organisations.models import Service

CHOICES = {
    1: [
        ("youth_justice", "wales-trial-original", date(2023, 4, 1)),
        ("youth_justice", "wales-trial-revised", date(2025, 4, 1)),
        ("prevention", "prevention", date(2025, 4, 1)),
    ],
    2: [
        ("youth_justice", "wales-trial-revised", date(2024, 1, 1)),
        ("youth_justice", "trauma-informed", date(2026, 4, 1)),
        ("prevention", "prevention", date(2026, 1, 1)),
    ],
}


def load_demo(service: Service, number: int) -> int:
    created = 0
    admin = User.objects.get(username=f"service-admin-{number}")
    for route, key, effective_from in CHOICES.get(number, []):
        _, made = ServiceRuleSet.objects.get_or_create(
            service=service,
            route=route,
            effective_from=effective_from,
            defaults={"rule_set": RuleSet.objects.get(key=key, version=1), "chosen_by": admin},
        )
        created += made
    if number == 2:
        local, made = RuleSet.objects.get_or_create(
            key="bro-hafren-early-help",
            version=1,
            defaults={
                "name": "Bro Hafren early help",
                "name_cy": "Cymorth cynnar Bro Hafren",
                "description": "Complex needs and experience of trauma, aged 10 to 17.",
                "description_cy": "Anghenion cymhleth a phrofiad o drawma, rhwng 10 ac 17 oed.",
                "service": service,
                "created_by": admin,
            },
        )
        if made:
            created += 1
            Criterion.objects.bulk_create(
                [
                    Criterion(rule_set=local, kind="complex_needs", threshold=2, sort_order=0),
                    Criterion(rule_set=local, kind="experienced_trauma", sort_order=1),
                    Criterion(
                        rule_set=local, kind="age_range", min_age=10, max_age=17, sort_order=2
                    ),
                ]
            )
    return created
