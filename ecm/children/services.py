"""Changes to children's records: permission checked, one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import Service

EDITABLE_FIELDS = (
    "legal_first_name",
    "legal_last_name",
    "preferred_name",
    "date_of_birth",
    "gender",
    "gender_description",
    "ethnicity",
    "language_preference",
    "language_other",
    "language_asked_on",
    "communication_needs",
    "local_reference",
    "team",
    "case_manager",
)


class EditConflict(Exception):
    """Someone else saved the record after this edit began."""

    def __init__(self, current: Child) -> None:
        super().__init__("edit conflict")
        self.current = current


def create_child(*, actor: Actor, service: Service, data: dict[str, Any]) -> Child:
    if not access.can_edit_children_in(actor, service.pk):
        raise PermissionDenied
    with transaction.atomic():
        child = Child.objects.create(
            service=service, **{k: v for k, v in data.items() if k in EDITABLE_FIELDS}
        )
        record_event(
            actor=actor,
            verb=Verb.CREATE_CHILD,
            child=child,
            object_type="child",
            object_id=child.pk,
        )
    return child


def update_child(
    *, actor: Actor, child: Child, data: dict[str, Any], expected_version: int
) -> Child:
    """Saves the changes only if nobody else saved since `expected_version` was read."""
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    changes = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    with transaction.atomic():
        updated = Child.objects.filter(pk=child.pk, version=expected_version).update(
            **changes, version=F("version") + 1, updated_at=timezone.now()
        )
        if updated:
            changed = sorted(
                name for name, value in changes.items() if getattr(child, name) != value
            )
            record_event(
                actor=actor,
                verb=Verb.UPDATE_CHILD,
                child=child,
                object_type="child",
                object_id=child.pk,
                detail={"fields": changed, "version": expected_version + 1},
            )
    if not updated:
        current = Child.objects.select_related("team", "case_manager").get(pk=child.pk)
        record_event(
            actor=actor,
            verb=Verb.EDIT_CONFLICT,
            child=child,
            object_type="child",
            object_id=child.pk,
            detail={"expected_version": expected_version, "current_version": current.version},
        )
        raise EditConflict(current)
    return Child.objects.select_related("service", "team", "case_manager").get(pk=child.pk)
