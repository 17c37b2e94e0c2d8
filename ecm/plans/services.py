"""Writes to the plan: permission checked, one transaction, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.conflicts import EditConflict, save_if_unchanged
from ecm.formulation.models import FormulationReport, Recommendation
from ecm.plans.models import MY_PLAN_FIELDS, ItemStatus, MyPlan, Plan, PlanItem
from ecm.trm.queries import current_tier

ITEM_FIELDS = ("status", "dropped_reason", "owner", "starts_on", "review_on", "notes")


class NotApproved(Exception):
    """The plan is made from an approved report only."""


class ItemConflict(EditConflict[PlanItem]):
    """Someone else saved the item after this edit began."""


class MyPlanConflict(EditConflict[MyPlan]):
    """Someone else saved this "My plan" after this edit began."""


def _check(actor: Actor, child: Child) -> None:
    if not access.can_work_plans_in(actor, child.service_id):
        raise PermissionDenied


def create_from_report(*, actor: Actor, child: Child, report: FormulationReport) -> Plan:
    """Makes the plan from the report's recommendations, or brings it up to a newer
    approved version: items are matched by their number; their status, owner, dates
    and notes are kept; new numbers are added; open items whose number is no longer
    in the report are marked withdrawn."""
    _check(actor, child)
    if report.child_id != child.pk or report.status != "approved":
        raise NotApproved
    recommendations = list(Recommendation.objects.filter(report=report).order_by("number", "pk"))
    with transaction.atomic():
        plan, created = Plan.objects.select_for_update().get_or_create(
            child=child,
            defaults={"report": report, "created_by": actor.user, "tier_seen": current_tier(child)},
        )
        existing = {i.number: i for i in PlanItem.objects.filter(child=child, withdrawn=False)}
        added = 0
        for rec in recommendations:
            values: dict[str, Any] = {
                "recommendation": rec,
                "what": rec.what,
                "why": rec.why,
                "tier_id": rec.tier_id,
                "intervention_id": rec.intervention_id,
            }
            item = existing.pop(rec.number, None)
            if item is None:
                PlanItem.objects.create(
                    child=child,
                    number=rec.number,
                    owner_id=rec.owner_id or child.case_manager_id,
                    starts_on=rec.starts_on,
                    review_on=rec.review_on,
                    **values,
                )
                added += 1
            else:
                PlanItem.objects.filter(pk=item.pk).update(**values)
        for item in existing.values():
            if item.is_open:
                PlanItem.objects.filter(pk=item.pk).update(withdrawn=True)
        if not created:
            Plan.objects.filter(pk=plan.pk).update(report=report)
            plan.report = report
        record_event(
            actor=actor,
            verb=Verb.CREATE_PLAN,
            child=child,
            object_type="plan",
            object_id=plan.pk,
            detail={"report": report.pk, "version": report.version, "added": added},
        )
    return plan


def update_item(
    *, actor: Actor, item: PlanItem, changes: dict[str, Any], expected_version: int
) -> None:
    _check(actor, item.child)
    if changes.get("status") != ItemStatus.DROPPED:
        changes["dropped_reason"] = ""
    save_if_unchanged(
        item,
        actor=actor,
        child=item.child,
        changes=changes,
        expected_version=expected_version,
        verb=Verb.UPDATE_PLAN_ITEM,
        object_type="plan_item",
        saved=PlanItem.objects.select_related("tier", "owner"),
        conflict=ItemConflict,
    )


def mark_tier_seen(*, actor: Actor, child: Child) -> None:
    """The case manager has reviewed the plan against the child's latest tier."""
    _check(actor, child)
    latest = current_tier(child)
    with transaction.atomic():
        Plan.objects.filter(child=child).update(tier_seen=latest)
        record_event(
            actor=actor,
            verb=Verb.SEE_TIER_CHANGE,
            child=child,
            object_type="plan",
            object_id=child.pk,
            detail={"tier": latest.tier.number if latest else None},
        )


def save_my_plan(
    *,
    actor: Actor,
    child: Child,
    audience: str,
    language: str,
    values: dict[str, str],
    expected_version: int | None,
) -> MyPlan:
    """Adds the summary or saves a new version of it (conflict-safe)."""
    _check(actor, child)
    values = {name: values[name] for name in MY_PLAN_FIELDS}
    existing = MyPlan.objects.filter(child=child, audience=audience, language=language).first()
    if existing is None:
        with transaction.atomic():
            my_plan = MyPlan.objects.create(
                child=child, audience=audience, language=language, updated_by=actor.user, **values
            )
            record_event(
                actor=actor,
                verb=Verb.SAVE_MY_PLAN,
                child=child,
                object_type="my_plan",
                object_id=my_plan.pk,
                detail={"audience": audience, "language": language, "version": 1},
            )
        return my_plan
    save_if_unchanged(
        existing,
        actor=actor,
        child=child,
        changes={**values, "updated_by": actor.user},
        expected_version=expected_version or 0,
        verb=Verb.SAVE_MY_PLAN,
        object_type="my_plan",
        saved=MyPlan.objects.all(),
        conflict=MyPlanConflict,
    )
    return MyPlan.objects.get(pk=existing.pk)
