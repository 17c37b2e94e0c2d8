"""The plans demo: a plan being worked from the approved report, "My plan" in Welsh
and English, and one plan whose tier changed since it was reviewed."""

from __future__ import annotations

import pytest

from ecm.core import plugins
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import Service
from ecm.plans import demo, queries
from ecm.plans.models import MyPlan, Plan, PlanItem
from ecm.trm.queries import current_tier


@pytest.mark.django_db
def test_demo_plans_are_worked_and_idempotent() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    for module in plugins.app_modules("demo"):
        module.load_demo(service, demo_service.number)
    if not Plan.objects.exists():
        pytest.skip("the formulation demo made no approved report")
    assert demo.load_demo(service, demo_service.number) == 0
    assert PlanItem.objects.filter(status="in_progress").exists()
    assert MyPlan.objects.filter(audience="child", language="cy").exists()
    assert MyPlan.objects.filter(audience="child", language="en").exists()
    changed = [
        plan
        for plan in Plan.objects.select_related("child", "tier_seen")
        if queries.tier_change(plan, current_tier(plan.child), queries.items_of(plan.child))
    ]
    assert changed
