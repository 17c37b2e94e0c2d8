"""The tiers of the Trauma Recovery Model (wording kept by service administrators)
and each child's tier history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.trm import charts, queries, services
from ecm.trm.forms import AssessmentForm, TierWordingForm


def _administrator(request: HttpRequest) -> access.Actor:
    actor = access.actor_for(request)
    if not actor.has_any(access.SERVICE_ADMINISTRATORS):
        raise PermissionDenied
    return actor


def tiers(request: HttpRequest) -> HttpResponse:
    _administrator(request)
    return render(request, "trm/tiers.html", {"tiers": queries.tiers()})


def tier_change(request: HttpRequest, tier_id: int) -> HttpResponse:
    actor = _administrator(request)
    tier = queries.get_tier(tier_id)
    context: dict[str, Any] = {"tier": tier, "revisions": queries.revisions_of(tier)}
    if request.method != "POST":
        form = TierWordingForm(initial=TierWordingForm.initial_for(tier))
        return render(request, "trm/tier_form.html", {**context, "form": form})
    form = TierWordingForm(request.POST)
    if not form.is_valid():
        return render(request, "trm/tier_form.html", {**context, "form": form})
    try:
        services.update_wording(
            actor=actor,
            tier=tier,
            wording=form.wording(),
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.TierConflict as conflict:
        data = request.POST.copy()
        data["version"] = str(conflict.current.version)
        form = TierWordingForm(data)
        form.is_valid()
        context.update(form=form, conflict=True, current=conflict.current)
        return render(request, "trm/tier_form.html", context, status=409)
    messages.success(
        request, _("The wording of tier %(number)s has been saved") % {"number": tier.number}
    )
    return redirect("trm:tiers")


def history(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="history")
    assessments = queries.history_of(child)
    today = timezone.localdate()
    return render(
        request,
        "trm/history.html",
        {
            "child": child,
            "assessments": assessments,
            "chart": charts.tier_chart(assessments, today),
            "can_assess": access.can_assess_tier_in(actor, child.service_id),
        },
    )


def assess(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="record")
    if not access.can_assess_tier_in(actor, child.service_id):
        raise PermissionDenied
    form = AssessmentForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        services.record_tier(
            actor=actor,
            child=child,
            tier=form.cleaned_data["tier"],
            assessed_on=form.cleaned_data["assessed_on"],
            evidence=form.cleaned_data["evidence"],
            submission=form.cleaned_data["submission"],
        )
        messages.success(request, _("The child's tier has been recorded"))
        return redirect("trm:history", child_id=child.pk)
    return render(
        request,
        "trm/assess.html",
        {"child": child, "form": form},
    )
