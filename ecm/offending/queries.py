"""Reads of a child's offences and orders: scoped through the child's record, audited."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children import queries as children
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.offending.models import Offence, Order


def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier (the last day of a shorter month)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def child_for(actor: Actor, child_id: int) -> Child:
    """The child, if the person reads children's records in the child's service.

    Partner agency workers never see offending, even when consent lets them see the child.
    """
    child = children.get_child(actor, child_id)
    if not access.can_read_children_in(actor, child.service_id):
        raise Http404
    return child


@dataclass(frozen=True)
class OffenceCounts:
    last_12_months: int
    last_24_months: int
    total: int


def offence_counts(child: Child, on: date) -> OffenceCounts:
    """Offences committed in the 12 and 24 months up to `on` (both ends included), in one query."""
    upto = Q(offence_date__lte=on)
    counts = Offence.objects.filter(child=child).aggregate(
        last_12=Count("pk", filter=upto & Q(offence_date__gte=months_before(on, 12))),
        last_24=Count("pk", filter=upto & Q(offence_date__gte=months_before(on, 24))),
        total=Count("pk"),
    )
    return OffenceCounts(counts["last_12"], counts["last_24"], counts["total"])


def _offences(child: Child) -> list[Offence]:
    return list(Offence.objects.filter(child=child).order_by("-offence_date", "-pk"))


def _orders(child: Child) -> list[Order]:
    return list(
        Order.objects.filter(child=child)
        .select_related("responsible_officer")
        .order_by("-start_date", "-pk")
    )


def current_orders(child: Child, on: date) -> list[Order]:
    """Orders running on `on` (started, and not yet ended), for a child already in scope."""
    return list(
        Order.objects.filter(child=child, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("responsible_officer")
        .order_by("-start_date", "-pk")
    )


def offences_for(actor: Actor, child_id: int) -> list[Offence]:
    child = child_for(actor, child_id)
    offences = _offences(child)
    record_event(
        actor=actor,
        verb=Verb.VIEW_OFFENDING,
        child=child,
        object_type="offences",
        detail={"offences": len(offences)},
    )
    return offences


def orders_for(actor: Actor, child_id: int) -> list[Order]:
    child = child_for(actor, child_id)
    orders = _orders(child)
    record_event(
        actor=actor,
        verb=Verb.VIEW_OFFENDING,
        child=child,
        object_type="orders",
        detail={"orders": len(orders)},
    )
    return orders


@dataclass(frozen=True)
class History:
    child: Child
    offences: list[Offence]
    orders: list[Order]
    counts: OffenceCounts
    on: date

    @property
    def current_order_ids(self) -> set[int]:
        return {order.pk for order in self.orders if order.is_current(self.on)}


def history(actor: Actor, child_id: int, on: date) -> History:
    """Everything on the offence and order history page, read with one audit event."""
    child = child_for(actor, child_id)
    offences, orders = _offences(child), _orders(child)
    record_event(
        actor=actor,
        verb=Verb.VIEW_OFFENDING,
        child=child,
        object_type="offending",
        detail={"offences": len(offences), "orders": len(orders)},
    )
    return History(child, offences, orders, offence_counts(child, on), on)


def get_order(actor: Actor, child_id: int, order_id: int) -> Order:
    """One of the child's orders, or 404 when the child is out of scope or it is not theirs."""
    child = child_for(actor, child_id)
    order = (
        Order.objects.filter(child=child, pk=order_id).select_related("responsible_officer").first()
    )
    if order is None:
        raise Http404
    order.child = child
    record_event(
        actor=actor, verb=Verb.VIEW_OFFENDING, child=child, object_type="order", object_id=order.pk
    )
    return order
