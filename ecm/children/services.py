"""Changes to children's records: permission checked, one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access, conflicts
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


class EditConflict(conflicts.EditConflict[Child]):
    """Someone else saved the record after this edit began."""


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
    conflicts.save_if_unchanged(
        child,
        actor=actor,
        child=child,
        changes={k: v for k, v in data.items() if k in EDITABLE_FIELDS},
        expected_version=expected_version,
        verb=Verb.UPDATE_CHILD,
        object_type="child",
        saved=Child.objects.select_related("team", "case_manager"),
        conflict=EditConflict,
    )
    return Child.objects.select_related("service", "team", "case_manager").get(pk=child.pk)
