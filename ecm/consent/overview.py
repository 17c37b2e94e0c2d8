"""The consent block on the child's overview page (two queries, whatever the numbers)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.consent import queries
from ecm.consent.models import ConsentPurpose
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section


def section(actor: Actor, child: Child) -> Section | None:
    # Partner agency workers see the child's key facts only, never consent details.
    if not access.can_read_children_in(actor, child.service_id):
        return None
    picture = queries.picture(child, agencies=False)
    purposes: list[dict[str, Any]] = []
    for value, label in ConsentPurpose.choices:
        entries = []
        carers = False
        for group in picture.groups:
            row = group.latest.get(value)
            if group.person is None:
                entries.append((_("The child"), row))
            elif row is not None:
                carers = True
                entries.append(
                    (f"{group.person.full_name} ({group.person.relationship_label})", row)
                )
        purposes.append({"label": label, "entries": entries, "carers": carers})
    return Section(
        template="consent/overview.html",
        context={
            "child": child,
            "purposes": purposes,
            "problems": picture.problems,
            "withdrawn": picture.withdrawn,
            "people_count": len(picture.people),
        },
    )
