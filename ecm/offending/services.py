"""Recording offences and orders: permission checked, one transaction, audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.offending.models import Offence, Order

OFFENCE_FIELDS = ("offence_date", "description", "category", "seriousness", "outcome", "proven_on")
ORDER_FIELDS = (
    "order_type",
    "start_date",
    "expected_end_date",
    "end_date",
    "requirements",
    "responsible_officer",
)


class EditConflict(Exception):
    """Someone else saved the order after this edit began."""

    def __init__(self, current: Order) -> None:
        super().__init__("edit conflict")
        self.current = current


def record_offences(*, actor: Actor, child: Child, rows: Sequence[dict[str, Any]]) -> list[Offence]:
    """Records every row or, if any fails, none of them."""
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    offences = []
    with transaction.atomic():
        for row in rows:
            offence = Offence.objects.create(
                child=child,
                recorded_by=actor.user,
                **{k: v for k, v in row.items() if k in OFFENCE_FIELDS},
            )
            record_event(
                actor=actor,
                verb=Verb.RECORD_OFFENCE,
                child=child,
                object_type="offence",
                object_id=offence.pk,
                detail={"category": offence.category, "seriousness": offence.seriousness},
            )
            offences.append(offence)
    return offences


def record_offence(*, actor: Actor, child: Child, data: dict[str, Any]) -> Offence:
    return record_offences(actor=actor, child=child, rows=[data])[0]


def record_order(*, actor: Actor, child: Child, data: dict[str, Any]) -> Order:
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    with transaction.atomic():
        order = Order.objects.create(
            child=child,
            recorded_by=actor.user,
            **{k: v for k, v in data.items() if k in ORDER_FIELDS},
        )
        record_event(
            actor=actor,
            verb=Verb.RECORD_ORDER,
            child=child,
            object_type="order",
            object_id=order.pk,
            detail={"order_type": order.order_type},
        )
    return order


def update_order(
    *, actor: Actor, order: Order, data: dict[str, Any], expected_version: int
) -> Order:
    """Saves the changes only if nobody else saved the order since `expected_version`."""
    child = order.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    changes = {k: v for k, v in data.items() if k in ORDER_FIELDS}
    with transaction.atomic():
        updated = Order.objects.filter(pk=order.pk, version=expected_version).update(
            **changes, version=F("version") + 1
        )
        if updated:
            record_event(
                actor=actor,
                verb=Verb.UPDATE_ORDER,
                child=child,
                object_type="order",
                object_id=order.pk,
                detail={
                    "fields": sorted(n for n, v in changes.items() if getattr(order, n) != v),
                    "version": expected_version + 1,
                },
            )
    if not updated:
        current = Order.objects.select_related("responsible_officer").get(pk=order.pk)
        record_event(
            actor=actor,
            verb=Verb.EDIT_CONFLICT,
            child=child,
            object_type="order",
            object_id=order.pk,
            detail={"expected_version": expected_version, "current_version": current.version},
        )
        raise EditConflict(current)
    return Order.objects.select_related("responsible_officer").get(pk=order.pk)
