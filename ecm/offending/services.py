"""Recording offences and orders: permission checked, one transaction, audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access, conflicts
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


class EditConflict(conflicts.EditConflict[Order]):
    """Someone else saved the order after this edit began."""


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
    conflicts.save_if_unchanged(
        order,
        actor=actor,
        child=child,
        changes={k: v for k, v in data.items() if k in ORDER_FIELDS},
        expected_version=expected_version,
        verb=Verb.UPDATE_ORDER,
        object_type="order",
        saved=Order.objects.select_related("responsible_officer"),
        conflict=EditConflict,
    )
    return Order.objects.select_related("responsible_officer").get(pk=order.pk)
