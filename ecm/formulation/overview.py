"""The formulation block on the child's record page, for staff readers: the newest
version and the approved one (one query: a revision is only ever started from the
latest approved version, so the newest two hold both)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.formulation.models import FormulationReport, ReportStatus


def section(actor: Actor, child: Child) -> Section | None:
    if not access.can_read_children_in(actor, child.service_id):
        return None
    newest_two = list(
        FormulationReport.objects.filter(child=child)
        .select_related("author")
        .order_by("-version")[:2]
    )
    approved = next((r for r in newest_two if r.status == ReportStatus.APPROVED), None)
    return Section(
        "formulation/_overview.html",
        {
            "child": child,
            "newest": newest_two[0] if newest_two else None,
            "approved": approved,
            "can_start": not newest_two
            and access.can_write_formulation_in(actor, child.service_id),
        },
    )
