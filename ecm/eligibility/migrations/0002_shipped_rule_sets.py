"""The rule sets described in the ECM primer, shipped as data. Thresholds marked
as choices in the primer (how many needs make "complex") are this project's
defaults; a service administrator can publish a new version with other numbers."""

from typing import Any

from django.db import migrations

SHIPPED: list[dict[str, Any]] = [
    {
        "key": "wales-trial-original",
        "name": "Wales trial (original)",
        "name_cy": "Treial Cymru (gwreiddiol)",
        "description": (
            "Five or more offences in the previous 12 months, complex needs, and a current "
            "statutory court order."
        ),
        "description_cy": (
            "Pump trosedd neu fwy yn y 12 mis blaenorol, anghenion cymhleth, a gorchymyn "
            "llys statudol cyfredol."
        ),
        "criteria": [
            {"kind": "offences_in_window", "threshold": 5, "window_months": 12},
            {"kind": "complex_needs", "threshold": 3},
            {"kind": "statutory_order"},
        ],
    },
    {
        "key": "wales-trial-revised",
        "name": "Wales trial (revised)",
        "name_cy": "Treial Cymru (diwygiedig)",
        "description": (
            "Five or more offences in the previous 24 months, complex needs, and a current "
            "statutory court order or voluntary participation."
        ),
        "description_cy": (
            "Pump trosedd neu fwy yn y 24 mis blaenorol, anghenion cymhleth, a gorchymyn "
            "llys statudol cyfredol neu gymryd rhan yn wirfoddol."
        ),
        "criteria": [
            {"kind": "offences_in_window", "threshold": 5, "window_months": 24},
            {"kind": "complex_needs", "threshold": 3},
            {"kind": "statutory_order", "allow_voluntary": True},
        ],
    },
    {
        "key": "trauma-informed",
        "name": "Trauma-informed",
        "name_cy": "Wedi'i lywio gan drawma",
        "description": (
            "The child has experienced trauma and is expected to be with the service for at "
            "least 6 months."
        ),
        "description_cy": (
            "Mae'r plentyn wedi profi trawma a disgwylir iddo fod gyda'r gwasanaeth am o "
            "leiaf 6 mis."
        ),
        "criteria": [
            {"kind": "experienced_trauma"},
            {"kind": "expected_duration", "threshold": 6},
        ],
    },
    {
        "key": "prevention",
        "name": "Prevention",
        "name_cy": "Atal",
        "description": "Aged 8 to 17 with complex needs; no offending required.",
        "description_cy": "Rhwng 8 ac 17 oed gydag anghenion cymhleth; nid oes angen troseddu.",
        "criteria": [
            {"kind": "age_range", "min_age": 8, "max_age": 17},
            {"kind": "complex_needs", "threshold": 3},
        ],
    },
]


def ship(apps, schema_editor):  # type: ignore[no-untyped-def]
    RuleSet = apps.get_model("eligibility", "RuleSet")
    Criterion = apps.get_model("eligibility", "Criterion")
    for spec in SHIPPED:
        spec = dict(spec)
        criteria = spec.pop("criteria")
        rule_set, created = RuleSet.objects.get_or_create(key=spec["key"], version=1, defaults=spec)
        if created:
            for order, criterion in enumerate(criteria):
                Criterion.objects.create(rule_set=rule_set, sort_order=order, **criterion)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
