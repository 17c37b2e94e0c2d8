"""Voluntary engagement after an order, and the move to adult probation: the child's
page, starting, reviewing and ending voluntary engagement, the transition plan with its
steps, the review after the transfer and the handover pack."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor
from ecm.transitions import pack, plans, queries, services
from ecm.transitions.forms import (
    PlanForm,
    StepDoneForm,
    StepForm,
    TransferReviewForm,
    VoluntaryEndForm,
    VoluntaryReviewForm,
    VoluntaryStartForm,
)


def _editable_child(actor: Actor, child_id: int, page: str) -> Child:
    child = queries.child_for(actor, child_id, page=page)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    return child


def index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    page = queries.transitions_page(actor, child_id)
    return render(
        request,
        "transitions/index.html",
        {
            "child": page.child,
            "page": page,
            "next_review": queries.next_review_on(page.current) if page.current else None,
            "prompt_age": queries.prompt_age(),
            "can_edit": access.can_edit_children_in(actor, page.child.service_id),
        },
    )


def voluntary_start(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id, "start-voluntary")
    orders = queries.ended_statutory_orders(child)
    context: dict[str, Any] = {
        "child": child,
        "orders": orders,
        "review_weeks": child.service.voluntary_review_weeks,
    }
    if request.method != "POST":
        initial = {"submission": uuid.uuid4(), "started_on": timezone.localdate()}
        context["form"] = VoluntaryStartForm(initial=initial, child=child, orders=orders)
        return render(request, "transitions/voluntary_start.html", context)
    form = VoluntaryStartForm(request.POST, child=child, orders=orders)
    context["form"] = form
    if not form.is_valid():
        return render(request, "transitions/voluntary_start.html", context)
    data = form.cleaned_data
    try:
        services.start_voluntary(
            actor=actor,
            child=child,
            ended_order=data["ended_order"],
            started_on=data["started_on"],
            planned_end_on=data["planned_end_on"],
            what_continues=data["what_continues"],
            submission=data["submission"],
        )
    except services.Refused as refusal:
        form.add_error(None, str(refusal))
        return render(request, "transitions/voluntary_start.html", context)
    messages.success(
        request,
        _("Voluntary engagement has started: enforcement and compliance counting have stopped"),
    )
    return redirect("transitions:index", child_id=child.pk)


def voluntary_review(request: HttpRequest, child_id: int, engagement_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    engagement = queries.get_engagement(actor, child_id, engagement_id)
    child = engagement.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if engagement.ended_on is not None:
        return redirect("transitions:index", child_id=child.pk)
    form = VoluntaryReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"submission": uuid.uuid4(), "reviewed_on": timezone.localdate()},
        engagement=engagement,
    )
    context = {"child": child, "engagement": engagement, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/voluntary_review.html", context)
    data = form.cleaned_data
    services.record_voluntary_review(
        actor=actor,
        engagement=engagement,
        reviewed_on=data["reviewed_on"],
        how_it_is_going=data["how_it_is_going"],
        child_view=data["child_view"],
        submission=data["submission"],
    )
    messages.success(request, _("The review has been recorded"))
    return redirect("transitions:index", child_id=child.pk)


def voluntary_end(request: HttpRequest, child_id: int, engagement_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    engagement = queries.get_engagement(actor, child_id, engagement_id)
    child = engagement.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    context: dict[str, Any] = {"child": child, "engagement": engagement}
    if engagement.ended_on is not None:
        return render(request, "transitions/voluntary_end.html", context)
    form = VoluntaryEndForm(
        request.POST if request.method == "POST" else None, engagement=engagement
    )
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/voluntary_end.html", context)
    try:
        services.end_voluntary(
            actor=actor,
            engagement=engagement,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyEnded as clash:
        context.update(engagement=clash.current, clash=True)
        return render(request, "transitions/voluntary_end.html", context, status=409)
    messages.success(request, _("Voluntary engagement has ended"))
    return redirect("transitions:index", child_id=child.pk)


def plan_add(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id, "add-transition-plan")
    if queries.plan_of(child) is not None:
        return redirect("transitions:plan-change", child_id=child.pk)
    agencies = list(queries.probation_agencies(child))
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        initial=PlanForm.new_initial(child),
        child=child,
        agencies=agencies,
    )
    context: dict[str, Any] = {"child": child, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/plan_form.html", context)
    try:
        plans.record_plan(actor=actor, child=child, data=form.cleaned_data)
    except services.Refused as refusal:
        form.add_error(None, str(refusal))
        return render(request, "transitions/plan_form.html", context)
    messages.success(request, _("The transition plan has been made"))
    return redirect("transitions:index", child_id=child.pk)


def plan_change(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    plan = queries.get_plan(actor, child_id)
    child = plan.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    agencies = list(queries.probation_agencies(child))
    context: dict[str, Any] = {"child": child, "plan": plan}
    if request.method != "POST":
        context["form"] = PlanForm(
            initial=PlanForm.initial_for(plan), child=child, agencies=agencies
        )
        return render(request, "transitions/plan_form.html", context)
    form = PlanForm(request.POST, child=child, agencies=agencies)
    context["form"] = form
    if not form.is_valid():
        return render(request, "transitions/plan_form.html", context)
    try:
        plans.update_plan(
            actor=actor,
            plan=plan,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except plans.EditConflict as conflict:
        rows = conflicts.differences(form, conflict.current, plans.PLAN_FIELDS)
        form = PlanForm(
            conflicts.resubmission(request.POST, conflict.current.version),
            child=child,
            agencies=agencies,
        )
        form.is_valid()
        context.update(form=form, conflict=rows)
        return render(request, "transitions/plan_form.html", context, status=409)
    messages.success(request, _("The transition plan has been updated"))
    return redirect("transitions:index", child_id=child.pk)


def step_add(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    plan = queries.get_plan(actor, child_id)
    child = plan.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    form = StepForm(
        request.POST if request.method == "POST" else None,
        initial=StepForm.new_initial(),
        child=child,
    )
    context = {"child": child, "plan": plan, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/step_form.html", context)
    plans.add_step(
        actor=actor,
        plan=plan,
        description=form.cleaned_data["description"],
        due_on=form.cleaned_data["due_on"],
        submission=form.cleaned_data["submission"],
    )
    messages.success(request, _("The step has been added to the plan"))
    return redirect("transitions:index", child_id=child.pk)


def step_done(request: HttpRequest, child_id: int, step_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    step = queries.get_step(actor, child_id, step_id)
    child = step.plan.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if step.done_on is not None:
        return redirect("transitions:index", child_id=child.pk)
    form = StepDoneForm(
        request.POST if request.method == "POST" else None,
        initial={"done_on": timezone.localdate()},
    )
    context = {"child": child, "step": step, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/step_done.html", context)
    plans.mark_step_done(actor=actor, step=step, done_on=form.cleaned_data["done_on"])
    messages.success(request, _("The step has been recorded as done"))
    return redirect("transitions:index", child_id=child.pk)


def transfer_review(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    plan = queries.get_plan(actor, child_id)
    child = plan.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if hasattr(plan, "review"):
        return redirect("transitions:index", child_id=child.pk)
    form = TransferReviewForm(request.POST if request.method == "POST" else None, child=child)
    context = {"child": child, "plan": plan, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "transitions/transfer_review.html", context)
    try:
        plans.record_transfer_review(actor=actor, plan=plan, data=form.cleaned_data)
    except services.Refused:
        return redirect("transitions:index", child_id=child.pk)
    messages.success(request, _("The review after the transfer has been recorded"))
    return redirect("transitions:index", child_id=child.pk)


def handover_pack(request: HttpRequest, child_id: int) -> HttpResponse:
    """The consented handover pack for probation, as a tagged PDF; refused with a clear
    page while no consent in force lets the service share with a probation agency."""
    actor = access.actor_for(request)
    plan = queries.get_plan(actor, child_id)
    child = plan.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if not queries.probation_sharing_in_force(child):
        return render(
            request, "transitions/pack_refused.html", {"child": child, "plan": plan}, status=409
        )
    body = pack.render_pdf(plan, actor=actor)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="handover-pack.pdf"'
    return response
