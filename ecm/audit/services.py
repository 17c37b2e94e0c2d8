"""Writing audit events. Called inside the transaction of the action audited:
if the audit write fails, the action fails with it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.db import transaction

from ecm.audit.models import AuditEvent, Verb
from ecm.core.access import Actor
from ecm.core.middleware import current_request_id


class ChildLike(Protocol):
    pk: Any
    service_id: int


def record_event(
    *,
    actor: Actor | None,
    verb: Verb,
    service_id: int | None = None,
    child: ChildLike | None = None,
    object_type: str = "",
    object_id: object = "",
    reason: str = "",
    detail: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    if child is not None:
        service_id = child.service_id
    return AuditEvent.objects.create(
        user_id=actor.id if actor else None,
        username=actor.user.username if actor else username,
        role=actor.role_label(service_id) if actor else "",
        service_id=service_id,
        child_id=child.pk if child is not None else None,
        verb=verb,
        object_type=object_type,
        object_id=str(object_id),
        reason=reason,
        detail=detail or {},
        request_id=current_request_id(),
    )


def record_children_shown(
    *, actor: Actor, children: Iterable[ChildLike], context: str, verb: Verb = Verb.LIST_CHILD
) -> None:
    """One event per child shown on a list page, written in a single query."""
    request_id = current_request_id()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                user_id=actor.id,
                username=actor.user.username,
                role=actor.role_label(child.service_id),
                service_id=child.service_id,
                child_id=child.pk,
                verb=verb,
                object_type="child",
                object_id=str(child.pk),
                detail={"page": context},
                request_id=request_id,
            )
            for child in children
        ]
    )


def record_refusal(*, actor: Actor, child_id: int | None, what: str) -> None:
    """Record that someone was refused a child's page (they are answered 404).

    Written in its own transaction, so the event survives the 404 that follows;
    call it outside any transaction that will roll back. It holds no child data
    beyond the id: `what` names the page or action (for example "meeting pack"),
    never anything read from the record.
    """
    with transaction.atomic():
        AuditEvent.objects.create(
            user_id=actor.id,
            username=actor.user.username,
            role=actor.role_label(None),
            service_id=None,
            child_id=child_id,
            verb=Verb.ACCESS_REFUSED,
            object_type="child" if child_id is not None else "",
            object_id=str(child_id) if child_id is not None else "",
            reason=what[:200],
            request_id=current_request_id(),
        )
