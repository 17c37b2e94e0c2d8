"""Safeguarding and risk concerns: the child's concerns, raising one, escalating it to
the team managers, their response, referrals to other agencies and their outcomes,
closing it; and the managers' list of open concerns."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.safeguarding import queries, services
from ecm.safeguarding.forms import (
    CloseForm,
    ConcernForm,
    EscalateForm,
    OutcomeForm,
    ReferralForm,
    RespondForm,
)
from ecm.safeguarding.models import Concern, ConcernStatus
from ecm.transitions.queries import in_voluntary_engagement


def concerns(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    page = queries.concerns_page(actor, child_id)
    return render(
        request,
        "safeguarding/concerns.html",
        {
            "child": page.child,
            "page": page,
            "now": timezone.now(),
            "can_raise": access.can_raise_concerns_in(actor, page.child.service_id),
        },
    )


def concern_raise(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="raise-concern")
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    context: dict[str, Any] = {"child": child, "voluntary": in_voluntary_engagement(child)}
    form = ConcernForm(
        request.POST if request.method == "POST" else None,
        initial=ConcernForm.new_initial(),
        child=child,
    )
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/raise.html", context)
    concern = services.raise_concern(
        actor=actor, child=child, data=form.cleaned_data, submission=form.cleaned_data["submission"]
    )
    messages.success(request, _("The concern has been raised"))
    return redirect("safeguarding:detail", child_id=child.pk, concern_id=concern.pk)


def _detail_context(request: HttpRequest, concern: Concern) -> dict[str, Any]:
    actor = access.actor_for(request)
    service_id = concern.child.service_id
    raises = access.can_raise_concerns_in(actor, service_id)
    return {
        "child": concern.child,
        "concern": concern,
        "referrals": list(concern.referrals.all()),
        "overdue": concern.response_overdue(timezone.now()),
        "can_escalate": raises and concern.status == ConcernStatus.OPEN,
        "can_respond": concern.status == ConcernStatus.ESCALATED
        and concern.responded_at is None
        and access.can_oversee_caseloads_in(actor, service_id),
        "can_refer": raises and concern.is_open,
        "can_close": concern.is_open and access.can_close_concerns_in(actor, service_id),
    }


def concern_detail(request: HttpRequest, child_id: int, concern_id: int) -> HttpResponse:
    concern = queries.get_concern(access.actor_for(request), child_id, concern_id)
    return render(request, "safeguarding/detail.html", _detail_context(request, concern))


def _typed(form: forms.Form) -> list[tuple[str, str]]:
    """What the person typed, labelled, to show beside the concern as it is now."""
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if field.widget.is_hidden or value in (None, "", []):
            continue
        if isinstance(value, datetime | date):
            value = formats.date_format(value, "j F Y")
        elif isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
        rows.append((str(field.label), str(value)))
    return rows


def _changed_elsewhere(request: HttpRequest, current: Concern, form: forms.Form) -> HttpResponse:
    """Someone else changed the concern first: show it as it is now, and what was typed."""
    context = _detail_context(request, current)
    context.update(clash=True, typed=_typed(form))
    return render(request, "safeguarding/detail.html", context, status=409)


def concern_escalate(request: HttpRequest, child_id: int, concern_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    concern = queries.get_concern(actor, child_id, concern_id)
    if not access.can_raise_concerns_in(actor, concern.child.service_id):
        raise PermissionDenied
    if concern.status != ConcernStatus.OPEN:
        return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)
    form = EscalateForm(
        request.POST if request.method == "POST" else None, initial=EscalateForm.new_initial()
    )
    context = {"child": concern.child, "concern": concern, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/escalate.html", context)
    try:
        services.escalate(
            actor=actor,
            concern=concern,
            due_at=form.cleaned_data["due_at"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyChanged as clash:
        return _changed_elsewhere(request, clash.current, form)
    messages.success(request, _("The concern has been escalated: the team managers have been told"))
    return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)


def concern_respond(request: HttpRequest, child_id: int, concern_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    concern = queries.get_concern(actor, child_id, concern_id)
    if not access.can_oversee_caseloads_in(actor, concern.child.service_id):
        raise PermissionDenied
    if concern.status != ConcernStatus.ESCALATED or concern.responded_at is not None:
        return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)
    form = RespondForm(request.POST if request.method == "POST" else None)
    context = {"child": concern.child, "concern": concern, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/respond.html", context)
    try:
        services.respond(actor=actor, concern=concern, response=form.cleaned_data["response"])
    except services.AlreadyChanged as clash:
        return _changed_elsewhere(request, clash.current, form)
    messages.success(request, _("Your response has been recorded"))
    return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)


def referral_add(request: HttpRequest, child_id: int, concern_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    concern = queries.get_concern(actor, child_id, concern_id)
    child = concern.child
    if not access.can_raise_concerns_in(actor, child.service_id):
        raise PermissionDenied
    if not concern.is_open:
        return redirect("safeguarding:detail", child_id=child.pk, concern_id=concern.pk)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initial=ReferralForm.new_initial(),
        child=child,
    )
    context = {"child": child, "concern": concern, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/referral.html", context)
    data = form.cleaned_data
    services.record_referral(
        actor=actor,
        concern=concern,
        agency=form.chosen_agency(),
        agency_name=data["agency_name"],
        made_on=data["made_on"],
        details=data["details"],
        submission=data["submission"],
    )
    messages.success(request, _("The referral has been recorded"))
    return redirect("safeguarding:detail", child_id=child.pk, concern_id=concern.pk)


def referral_outcome(
    request: HttpRequest, child_id: int, concern_id: int, referral_id: int
) -> HttpResponse:
    actor = access.actor_for(request)
    referral = queries.get_referral(actor, child_id, concern_id, referral_id)
    concern = referral.concern
    if not access.can_raise_concerns_in(actor, concern.child.service_id):
        raise PermissionDenied
    if referral.outcome_on is not None:
        return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None, referral=referral)
    context = {"child": concern.child, "concern": concern, "referral": referral, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/outcome.html", context)
    try:
        services.record_referral_outcome(
            actor=actor,
            referral=referral,
            outcome=form.cleaned_data["outcome"],
            outcome_on=form.cleaned_data["outcome_on"],
        )
    except services.OutcomeAlreadyRecorded as clash:
        context.update(referral=clash.current, clash=True)
        return render(request, "safeguarding/outcome.html", context, status=409)
    messages.success(request, _("The outcome of the referral has been recorded"))
    return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)


def concern_close(request: HttpRequest, child_id: int, concern_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    concern = queries.get_concern(actor, child_id, concern_id)
    if not access.can_close_concerns_in(actor, concern.child.service_id):
        raise PermissionDenied
    if not concern.is_open:
        return redirect("safeguarding:detail", child_id=concern.child_id, concern_id=concern.pk)
    form = CloseForm(request.POST if request.method == "POST" else None)
    context = {"child": concern.child, "concern": concern, "form": form}
    if request.method != "POST" or not form.is_valid():
        return render(request, "safeguarding/close.html", context)
    try:
        services.close(
            actor=actor,
            concern=concern,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyChanged as clash:
        return _changed_elsewhere(request, clash.current, form)
    messages.success(request, _("The concern has been closed"))
    return redirect("safeguarding:concerns", child_id=concern.child_id)


def open_concerns(request: HttpRequest) -> HttpResponse:
    """Team and senior managers: every open concern in their services."""
    actor = access.actor_for(request)
    if not actor.has_any(access.CASELOAD_OVERSEERS):
        raise PermissionDenied
    return render(
        request,
        "safeguarding/open.html",
        {"concerns": queries.managers_open_concerns(actor), "now": timezone.now()},
    )
