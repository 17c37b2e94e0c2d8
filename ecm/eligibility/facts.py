"""Gathering the recorded facts about a child that eligibility rules look at."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.eligibility.engine import Facts, NeedFact, OffenceFact, OrderFact
from ecm.needs.models import ChildNeed
from ecm.offending.models import Offence, Order


def facts_for(child: Child, *, voluntary: bool, expected_months: int | None) -> Facts:
    offences = tuple(
        OffenceFact(o.offence_date, o.description)
        for o in Offence.objects.filter(child=child).order_by("offence_date")
    )
    orders = tuple(
        OrderFact(
            label=o.get_order_type_display(),
            start_date=o.start_date,
            ends_on=o.ends_on,
            ended_on=o.end_date,
            statutory=o.is_statutory,
        )
        for o in Order.objects.filter(child=child).order_by("start_date")
    )
    needs = tuple(
        NeedFact(n.need_type.name, n.need_type.indicates_trauma)
        for n in ChildNeed.objects.filter(child=child).select_related("need_type")
    )
    return Facts(
        date_of_birth=child.date_of_birth,
        offences=offences,
        orders=orders,
        needs=needs,
        voluntary=voluntary,
        expected_months=expected_months,
    )
