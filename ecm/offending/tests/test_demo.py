"""The offending and needs demo data: deterministic, idempotent, and with the stories
the demo needs (ECM-eligible children, prevention cases, a detention and training order)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ecm.children.models import Child
from ecm.conftest import make_user
from ecm.demo import data
from ecm.needs import demo as needs_demo
from ecm.needs.models import ChildNeed
from ecm.offending import demo as offending_demo
from ecm.offending.models import Offence, Order, OrderType
from ecm.offending.queries import months_before
from ecm.organisations.models import Service

REFERENCE_DAY = data.REFERENCE_DAY


def _demo_service(number: int) -> Service:
    demo = data.SERVICES[number - 1]
    service = Service.objects.create(code=demo.code, name=demo.name, name_cy=demo.name_cy)
    make_user(f"case-manager-{number}")
    for child in data.children_for(demo):
        Child.objects.create(
            service=service,
            local_reference=child.reference,
            legal_first_name=child.first,
            legal_last_name=child.last,
            date_of_birth=child.born,
            gender=child.gender,
            ethnicity=child.ethnicity,
            language_preference=child.language,
        )
    return service


def _snapshot() -> list[tuple[object, ...]]:
    offences = Offence.objects.order_by("child__local_reference", "offence_date", "description")
    orders = Order.objects.order_by("child__local_reference", "start_date", "order_type")
    needs = ChildNeed.objects.order_by("child__local_reference", "need_type__code")
    return [
        *offences.values_list("child__local_reference", "offence_date", "description", "outcome"),
        *orders.values_list("child__local_reference", "order_type", "start_date", "end_date"),
        *needs.values_list("child__local_reference", "need_type__code", "evidence"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("number", [1, 2])
def test_demo_is_idempotent_deterministic_and_tells_the_stories(number: int) -> None:
    service = _demo_service(number)
    created = offending_demo.load_demo(service, number) + needs_demo.load_demo(service, number)
    assert created > 100
    first = _snapshot()
    assert offending_demo.load_demo(service, number) == 0
    assert needs_demo.load_demo(service, number) == 0
    Offence.objects.all().delete()
    Order.objects.all().delete()
    ChildNeed.objects.all().delete()
    offending_demo.load_demo(service, number)
    needs_demo.load_demo(service, number)
    assert _snapshot() == first

    since = months_before(REFERENCE_DAY, 12)
    stories = {"five_in_a_year": 0, "prevention": 0, "trauma_and_long_order": 0}
    for child in Child.objects.filter(service=service).prefetch_related("offences", "orders"):
        offences = list(child.offences.all())
        orders = list(child.orders.all())
        codes = set(child.needs.values_list("need_type__code", flat=True))
        trauma = child.needs.filter(need_type__indicates_trauma=True).exists()
        assert len(offences) <= 12
        assert len(codes) <= 9
        for offence in offences:
            assert child.date_of_birth + timedelta(days=3650) <= offence.offence_date
            assert offence.offence_date <= REFERENCE_DAY
            assert offence.proven_on is None or offence.proven_on >= offence.offence_date
        # One court order at a time: a new one replaces the one running.
        assert sum(o.is_statutory and o.is_current(REFERENCE_DAY) for o in orders) <= 1
        recent = [o for o in offences if since <= o.offence_date <= REFERENCE_DAY]
        stories["five_in_a_year"] += len(recent) == 5
        stories["prevention"] += not offences and len(codes) >= 3
        long_order = any(
            o.is_current(REFERENCE_DAY)
            and o.ends_on is not None
            and o.ends_on > REFERENCE_DAY + timedelta(days=183)
            for o in orders
        )
        stories["trauma_and_long_order"] += trauma and long_order
    assert all(count >= 2 for count in stories.values()), stories
    assert Order.objects.filter(order_type=OrderType.DETENTION_AND_TRAINING_ORDER).exists()
    assert (
        Order.objects.filter(order_type=OrderType.YOUTH_REHABILITATION_ORDER)
        .exclude(requirements=[])
        .exists()
    )
    seriousness = list(Offence.objects.values_list("seriousness", flat=True))
    assert sum(2 <= s <= 4 for s in seriousness) / len(seriousness) > 0.75
    assert Offence.objects.filter(offence_date__lt=date(2023, 9, 1)).count() == 0
