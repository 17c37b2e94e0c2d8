"""Saving a child's needs: permission checked, one transaction, audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.needs.models import ChildNeed, NeedType


@dataclass(frozen=True)
class NeedsChange:
    """Codes of the need types added, removed and with changed evidence."""

    added: list[str]
    removed: list[str]
    changed: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def save_needs(*, actor: Actor, child: Child, evidence: dict[NeedType, str]) -> NeedsChange:
    """Makes `evidence` (need type -> evidence) the child's whole set of recorded needs."""
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    with transaction.atomic():
        # One save at a time per child, so two people saving at once cannot both add a need.
        Child.objects.select_for_update().filter(pk=child.pk).first()
        existing = {
            need.need_type_id: need
            for need in ChildNeed.objects.filter(child=child).select_related("need_type")
        }
        wanted = {need_type.pk: (need_type, text) for need_type, text in evidence.items()}
        removed = [need for type_id, need in existing.items() if type_id not in wanted]
        added = [(t, text) for type_id, (t, text) in wanted.items() if type_id not in existing]
        changed = [
            (existing[type_id], text)
            for type_id, (_, text) in wanted.items()
            if type_id in existing and existing[type_id].evidence != text
        ]
        ChildNeed.objects.filter(pk__in=[need.pk for need in removed]).delete()
        ChildNeed.objects.bulk_create(
            [
                ChildNeed(child=child, need_type=t, evidence=text, recorded_by=actor.user)
                for t, text in added
            ]
        )
        for need, text in changed:
            need.evidence = text
            need.save(update_fields=["evidence", "updated_at"])
        change = NeedsChange(
            added=sorted(t.code for t, _ in added),
            removed=sorted(need.need_type.code for need in removed),
            changed=sorted(need.need_type.code for need, _ in changed),
        )
        if change:
            # Codes only: the evidence itself stays out of the audit log.
            record_event(
                actor=actor,
                verb=Verb.UPDATE_NEEDS,
                child=child,
                object_type="needs",
                detail={
                    "added": change.added,
                    "removed": change.removed,
                    "changed": change.changed,
                    "needs": len(wanted),
                },
            )
    return change
