"""The formulation report on a shared child's record, for a partner agency worker: a
link to what partner agencies see of the latest approved version, shown exactly when
that page would open for them (two queries at most)."""

from __future__ import annotations

from ecm.children.models import Child
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.formulation import queries


def section(actor: Actor, child: Child) -> Section | None:
    report = queries.partner_shared_report(actor, child)
    if report is None:
        return None
    return Section("formulation/_partner.html", {"child": child, "report": report})
