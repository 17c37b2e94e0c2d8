"""The non-attendance pathway: the child's follow-ups and statutory record, one
follow-up with its attempts, the consultation with the psychologist, the enforcement
decision and its sign-off, and the warning letter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.compliance import documents, queries, services, statutory
from ecm.compliance.forms import (
    AttemptForm,
    CompleteForm,
    ConsultationForm,
    DecisionForm,
    SignOffForm,
)
from ecm.compliance.models import DecisionKind, DecisionState, FollowUp
from ecm.core import access
from ecm.core.access import Actor


def _follow_up_for_editor(actor: Actor, child_id: int, follow_up_id: int, page: str) -> FollowUp:
    follow_up = queries.get_follow_up(actor, child_id, follow_up_id, page=page)
    if not access.can_edit_children_in(actor, follow_up.child.service_id):
        raise PermissionDenied
    return follow_up


def _to_follow_up(follow_up: FollowUp) -> HttpResponse:
    return redirect("compliance:follow-up", child_id=follow_up.child_id, follow_up_id=follow_up.pk)


def record(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    page = queries.compliance_page(actor, child_id)
    return render(request, "compliance/record.html", {"child": page.child, "page": page})


def _statutory_position(follow_up: FollowUp) -> dict[str, Any]:
    """What the law says about this failure, shown beside the decision (two queries)."""
    child = follow_up.child
    missed_on = timezone.localtime(follow_up.appointment.starts_at).date()
    order = queries.order_on(child, missed_on)
    decisions = list(queries.decisions_of(child))
    return {
        "order": order,
        "breach_required": statutory.breach_required_on(order, decisions, missed_on),
    }


def follow_up(request: HttpRequest, child_id: int, follow_up_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = queries.get_follow_up(actor, child_id, follow_up_id, page="follow-up")
    child = item.child
    decision = queries.live_decision(item)
    return render(
        request,
        "compliance/follow_up.html",
        {
            "child": child,
            "follow_up": item,
            "appointment": item.appointment,
            "decision": decision,
            "not_agreed": [d for d in item.decisions.all() if d.state == DecisionState.NOT_AGREED],
            "refusal": services.decision_refusal(item) if decision is None else None,
            "in_ecm": queries.in_ecm(child),
            "can_edit": access.can_edit_children_in(actor, child.service_id),
            "can_consult": access.can_contribute_to_formulation_in(actor, child.service_id),
            "can_sign_off": decision is not None
            and decision.state == DecisionState.AWAITING_SIGN_OFF
            and access.can_sign_off_enforcement_in(actor, child.service_id)
            and decision.decided_by_id != actor.id,
            "today": timezone.localdate(),
            **_statutory_position(item),
        },
    )


def attempt(request: HttpRequest, child_id: int, follow_up_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = _follow_up_for_editor(actor, child_id, follow_up_id, "attempt")
    form = AttemptForm(request.POST if request.method == "POST" else None, follow_up=item)
    return _follow_up_form(
        request,
        actor,
        item,
        form,
        save=services.record_attempt,
        done=_("The attempt has been recorded"),
        title=_("Record an attempt to reach the child or family"),
        button=_("Save the attempt"),
    )


def complete(request: HttpRequest, child_id: int, follow_up_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = _follow_up_for_editor(actor, child_id, follow_up_id, "complete")
    if not item.is_open:
        messages.info(request, _("The follow-up is already complete"))
        return _to_follow_up(item)
    form = CompleteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.complete_follow_up(
                actor=actor,
                follow_up=item,
                reason_given=form.cleaned_data["reason_given"],
                welfare_concerns=form.cleaned_data["welfare_concerns"],
            )
        except services.AlreadyDone:
            messages.info(request, _("The follow-up is already complete"))
            return _to_follow_up(item)
        messages.success(request, _("The follow-up is complete"))
        return _to_follow_up(item)
    return render(
        request,
        "compliance/form.html",
        {
            "form": form,
            "child": item.child,
            "follow_up": item,
            "title": _("Complete the follow-up"),
            "button": _("Complete the follow-up"),
        },
    )


def consultation(request: HttpRequest, child_id: int, follow_up_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = queries.get_follow_up(actor, child_id, follow_up_id, page="consultation")
    if not access.can_contribute_to_formulation_in(actor, item.child.service_id):
        raise PermissionDenied
    form = ConsultationForm(request.POST if request.method == "POST" else None, follow_up=item)
    return _follow_up_form(
        request,
        actor,
        item,
        form,
        save=services.record_consultation,
        done=_("The consultation has been recorded"),
        title=_("Record the consultation with the psychologist"),
        button=_("Save the consultation"),
    )


def _follow_up_form(
    request: HttpRequest,
    actor: Actor,
    item: FollowUp,
    form: Any,
    *,
    save: Callable[..., Any],
    done: str,
    title: str,
    button: str,
) -> HttpResponse:
    """The one-page forms of a follow-up: save through `save`, or show the form again
    with what was typed and the errors at the fields."""
    if form.is_valid():
        save(
            actor=actor,
            follow_up=item,
            data=form.cleaned_data,
            submission=form.cleaned_data["submission"],
        )
        messages.success(request, done)
        return _to_follow_up(item)
    return render(
        request,
        "compliance/form.html",
        {"form": form, "child": item.child, "follow_up": item, "title": title, "button": button},
    )


def decision(request: HttpRequest, child_id: int, follow_up_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = _follow_up_for_editor(actor, child_id, follow_up_id, "decision")
    if queries.live_decision(item) is not None:
        messages.info(request, _("A decision is already recorded for this missed appointment"))
        return _to_follow_up(item)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    refusal = services.decision_refusal(item)
    if refusal is not None and request.method == "POST":
        form.is_valid()
        form.add_error(refusal.field, refusal.message)
    elif form.is_valid():
        try:
            made = services.record_decision(
                actor=actor,
                follow_up=item,
                data=form.cleaned_data,
                submission=form.cleaned_data["submission"],
            )
        except services.PathwayRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            if made.state == DecisionState.AWAITING_SIGN_OFF:
                messages.success(
                    request,
                    _(
                        "The decision has been recorded. It takes effect once a team "
                        "manager signs it off."
                    ),
                )
            else:
                messages.success(request, _("The decision has been recorded"))
            return _to_follow_up(item)
    return render(
        request,
        "compliance/decision.html",
        {
            "form": form,
            "child": item.child,
            "follow_up": item,
            "refusal": refusal,
            **_statutory_position(item),
        },
    )


def sign_off(request: HttpRequest, child_id: int, decision_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    item = queries.get_decision(actor, child_id, decision_id, page="sign-off")
    if not access.can_sign_off_enforcement_in(actor, item.child.service_id):
        raise PermissionDenied
    follow_up_id = item.follow_up_id
    if item.state != DecisionState.AWAITING_SIGN_OFF:
        messages.info(request, _("This decision has already been signed off"))
        return redirect("compliance:follow-up", child_id=child_id, follow_up_id=follow_up_id)
    form = SignOffForm(
        request.POST if request.method == "POST" else None, initial={"version": item.version}
    )
    if form.is_valid():
        try:
            services.sign_off(
                actor=actor,
                decision=item,
                agree=form.cleaned_data["agree"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except services.PathwayRefused as refused:
            form.add_error(refused.field, refused.message)
        except services.AlreadyDone:
            messages.info(request, _("Someone else has already signed off this decision"))
            return redirect("compliance:follow-up", child_id=child_id, follow_up_id=follow_up_id)
        else:
            messages.success(request, _("Your sign-off has been recorded"))
            return redirect("compliance:follow-up", child_id=child_id, follow_up_id=follow_up_id)
    return render(
        request, "compliance/sign_off.html", {"form": form, "child": item.child, "decision": item}
    )


def warning_letter(request: HttpRequest, child_id: int, decision_id: int) -> HttpResponse:
    """The warning letter, in the child's language, once the warning is in force."""
    actor = access.actor_for(request)
    item = queries.get_decision(actor, child_id, decision_id, page="warning-letter")
    if item.kind != DecisionKind.WARNING or not item.in_force:
        raise Http404
    pdf = documents.warning_letter_pdf(item)
    with transaction.atomic():
        record_event(
            actor=actor,
            verb=Verb.DOWNLOAD_WARNING_LETTER,
            child=item.child,
            object_type="enforcement_decision",
            object_id=item.pk,
            detail={"language": documents.letter_language(item.child)},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="warning-letter-{item.pk}.pdf"'
    return response
