"""On the home page, for the people who work plans: the children on their caseload
whose tier changed since their plan was last reviewed (one query, one audit row a
child shown)."""

from __future__ import annotations

from django.db.models import F, OuterRef, Subquery

from ecm.audit.services import record_children_shown
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import Section
from ecm.plans.models import Plan
from ecm.trm.models import TierAssessment


def section(actor: Actor) -> Section | None:
    services = actor.service_ids_with(access.PLAN_WORKERS)
    if not services:
        return None
    latest = TierAssessment.objects.filter(child=OuterRef("child")).order_by("-assessed_on", "-pk")
    plans = list(
        Plan.objects.filter(child__service_id__in=services, child__case_manager=actor.user)
        .annotate(latest_id=Subquery(latest.values("pk")[:1]))
        .filter(latest_id__isnull=False)
        .exclude(tier_seen_id=F("latest_id"))
        .select_related("child")
        .order_by("child__legal_last_name", "child__pk")
    )
    if not plans:
        return None
    children = [plan.child for plan in plans]
    record_children_shown(actor=actor, children=children, context="home: plans")
    return Section("plans/_home.html", {"children": children})
