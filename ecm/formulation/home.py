"""On a clinical psychologist's home page: the submitted formulation reports in their
services that wait for their signature (one query, one audit row a child shown)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from ecm.audit.services import record_children_shown
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.formulation.models import Approval, FormulationReport, ReportStatus


def section(actor: Actor) -> Section | None:
    services = actor.service_ids_with(access.FORMULATION_AUTHORS)
    if not services:
        return None
    signed = Approval.objects.filter(report=OuterRef("pk"), approver=actor.user)
    reports = list(
        FormulationReport.objects.filter(
            status=ReportStatus.SUBMITTED, child__service_id__in=services
        )
        .exclude(Exists(signed))
        .select_related("child", "author")
        .order_by("submitted_at", "pk")
    )
    if not reports:
        return None
    record_children_shown(
        actor=actor, children=[report.child for report in reports], context="home: sign-off"
    )
    return Section("formulation/_home.html", {"reports": reports})
