"""The child's own words at the top of the child's record page, with each carer's
(two queries, however many records)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.voice import queries


def section(actor: Actor, child: Child) -> Section | None:
    # Partner agency workers see the child's key facts only, never the voice records.
    if not access.can_read_children_in(actor, child.service_id):
        return None
    latest = queries.latest_voices(child)
    heard = {record.person_id for record in latest}
    return Section(
        template="voice/_overview.html",
        context={
            "child": child,
            "childs": next((r for r in latest if r.person_id is None), None),
            "carers": [r for r in latest if r.person_id is not None],
            "not_heard": [p for p in queries.people_of(child) if p.pk not in heard],
            "can_record": access.can_contribute_to_formulation_in(actor, child.service_id),
        },
        weight=10,
    )
