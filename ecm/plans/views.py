"""The plan the case manager works from, and "My plan" for the child and the carer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.audit.models import Verb
from ecm.core import access, conflicts
from ecm.formulation.queries import approved_report
from ecm.plans import documents, drafts, queries, readability, services
from ecm.plans.forms import ItemForm, MyPlanForm
from ecm.plans.models import MY_PLAN_FIELDS, Audience, PlanLanguage
from ecm.trm.queries import current_tier
from ecm.voice.queries import latest_voices


def _worker(request: HttpRequest, child_id: int, page: str) -> tuple[access.Actor, Any]:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page=page)
    if not access.can_work_plans_in(actor, child.service_id):
        raise PermissionDenied
    return actor, child


def plan(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="plan")
    the_plan = queries.plan_of(child)
    items = queries.items_of(child)
    latest = current_tier(child)
    tier_number = latest.tier.number if latest else None
    report = approved_report(child)
    my_plans = queries.my_plans_of(child)
    change = queries.tier_change(the_plan, latest, items)
    highlighted = (
        {i.pk for i in change.became_suitable + change.became_unsuitable} if change else set()
    )
    return render(
        request,
        "plans/plan.html",
        {
            "child": child,
            "plan": the_plan,
            "board": queries.board(items, tier_number),
            "tier": latest,
            "change": change,
            "highlighted": highlighted,
            "report": report,
            "report_is_newer": report is not None
            and (the_plan is None or the_plan.report_id != report.pk),
            "can_work": access.can_work_plans_in(actor, child.service_id),
            "my_plans": [
                (audience, label, language, language_label, my_plans.get((audience, language)))
                for audience, label in Audience.choices
                for language, language_label in PlanLanguage.choices
            ],
        },
    )


def create(request: HttpRequest, child_id: int) -> HttpResponse:
    actor, child = _worker(request, child_id, "create")
    report = approved_report(child)
    the_plan = queries.plan_of(child)
    if request.method == "POST" and report is not None:
        services.create_from_report(actor=actor, child=child, report=report)
        if the_plan is None:
            messages.success(request, _("The plan has been made from the approved report"))
        else:
            messages.success(request, _("The plan has been brought up to the approved report"))
        return redirect("plans:plan", child_id=child.pk)
    recommendations = list(report.recommendations.select_related("tier")) if report else []
    return render(
        request,
        "plans/create.html",
        {"child": child, "report": report, "plan": the_plan, "recommendations": recommendations},
    )


def item(request: HttpRequest, child_id: int, item_id: int) -> HttpResponse:
    actor, child = _worker(request, child_id, "item")
    the_item = queries.item_of(child, item_id)
    context: dict[str, Any] = {"child": child, "item": the_item, "conflict": None}
    if request.method != "POST":
        form = ItemForm(initial=ItemForm.initial_for(the_item), service_id=child.service_id)
        return render(request, "plans/item.html", {**context, "form": form})
    form = ItemForm(request.POST, service_id=child.service_id)
    if not form.is_valid():
        return render(request, "plans/item.html", {**context, "form": form})
    try:
        services.update_item(
            actor=actor,
            item=the_item,
            changes=form.changes(),
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.ItemConflict as conflict:
        rows = conflicts.differences(form, conflict.current, services.ITEM_FIELDS)
        form = ItemForm(
            conflicts.resubmission(request.POST, conflict.current.version),
            service_id=child.service_id,
        )
        form.is_valid()
        context.update(form=form, conflict=rows)
        return render(request, "plans/item.html", context, status=409)
    messages.success(request, _("Item %(number)s has been saved") % {"number": the_item.number})
    return redirect("plans:plan", child_id=child.pk)


@require_POST
def seen(request: HttpRequest, child_id: int) -> HttpResponse:
    actor, child = _worker(request, child_id, "seen")
    services.mark_tier_seen(actor=actor, child=child)
    messages.success(request, _("The plan has been reviewed against the child's current tier"))
    return redirect("plans:plan", child_id=child.pk)


def _kind(audience: str, language: str) -> None:
    if audience not in Audience.values or language not in PlanLanguage.values:
        raise Http404


def my_plan(request: HttpRequest, child_id: int, audience: str, language: str) -> HttpResponse:
    _kind(audience, language)
    actor, child = _worker(request, child_id, "my-plan")
    existing = queries.my_plan_of(child, audience, language)
    context: dict[str, Any] = {
        "child": child,
        "audience": audience,
        "audience_label": Audience(audience).label,
        "language": language,
        "language_label": PlanLanguage(language).label,
        "my_plan": existing,
        "conflict": None,
        "measure": None,
    }
    if request.method != "POST":
        if existing is not None:
            initial: dict[str, Any] = {n: getattr(existing, n) for n in MY_PLAN_FIELDS}
            initial["version"] = existing.version
        else:
            latest = current_tier(child)
            board = queries.board(queries.items_of(child), latest.tier.number if latest else None)
            initial = drafts.starting_draft(child, audience, language, board, latest_voices(child))
            context["draft"] = True
        form = MyPlanForm(initial=initial, language=language)
        context["measure"] = readability.measure(
            "\n\n".join(str(initial[n]) for n in MY_PLAN_FIELDS), language
        )
        return render(request, "plans/my_plan.html", {**context, "form": form})
    form = MyPlanForm(request.POST, language=language)
    valid = form.is_valid()
    text = "\n\n".join(str(request.POST.get(n, "")) for n in MY_PLAN_FIELDS)
    context["measure"] = readability.measure(text, language)
    if request.POST.get("action") == "check" or not valid:
        return render(request, "plans/my_plan.html", {**context, "form": form})
    try:
        services.save_my_plan(
            actor=actor,
            child=child,
            audience=audience,
            language=language,
            values=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        )
    except services.MyPlanConflict as conflict:
        rows = conflicts.differences(form, conflict.current, MY_PLAN_FIELDS)
        form = MyPlanForm(
            conflicts.resubmission(request.POST, conflict.current.version), language=language
        )
        form.is_valid()
        context.update(form=form, conflict=rows)
        return render(request, "plans/my_plan.html", context, status=409)
    messages.success(request, _("“My plan” has been saved"))
    return redirect("plans:plan", child_id=child.pk)


def _saved(request: HttpRequest, child_id: int, audience: str, language: str, page: str) -> Any:
    _kind(audience, language)
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page=page, verb=Verb.DOWNLOAD_MY_PLAN)
    found = queries.my_plan_of(child, audience, language)
    if found is None:
        raise Http404
    found.child = child
    return found


def my_plan_print(
    request: HttpRequest, child_id: int, audience: str, language: str
) -> HttpResponse:
    found = _saved(request, child_id, audience, language, "my-plan-print")
    return HttpResponse(documents.render_html(found, printable=True))


def my_plan_pdf(request: HttpRequest, child_id: int, audience: str, language: str) -> HttpResponse:
    found = _saved(request, child_id, audience, language, "my-plan-pdf")
    response = HttpResponse(documents.render_pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="my-plan-{audience}-{language}.pdf"'
    return response
