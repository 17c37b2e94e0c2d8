"""A child's offences and orders: the history, adding offences one at a time or
several at once, and adding or changing an order with conflict protection."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor
from ecm.core.templatetags.govuk import field_anchor
from ecm.offending import queries, services
from ecm.offending.forms import BaseOffenceRows, OffenceForm, OffenceRows, OrderForm


def _editable_child(actor: Actor, child_id: int) -> Child:
    child = queries.child_for(actor, child_id)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    return child


def history(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    result = queries.history(actor, child_id, timezone.localdate())
    return render(
        request,
        "offending/history.html",
        {
            "child": result.child,
            "history": result,
            "can_edit": access.can_edit_children_in(actor, result.child.service_id),
        },
    )


def offence_add(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id)
    form = OffenceForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        services.record_offence(actor=actor, child=child, data=form.cleaned_data)
        messages.success(request, _("The offence has been recorded"))
        return redirect("offending:history", child_id=child.pk)
    return render(request, "offending/offence_form.html", {"form": form, "child": child})


def _row_errors(rows: BaseOffenceRows) -> list[tuple[str, str]]:
    """Every error of every row for the error summary, as (message, link target)."""
    first = field_anchor(rows.forms[0]["offence_date"]) if rows.forms else ""
    errors = [(str(error), first) for error in rows.non_form_errors()]
    for number, form in enumerate(rows.forms, start=1):
        for bound in form:
            for error in bound.errors:
                message = _("Row %(number)s: %(error)s") % {"number": number, "error": error}
                errors.append((message, field_anchor(bound)))
    return errors


def offences_add(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id)
    data = request.POST if request.method == "POST" else None
    rows = OffenceRows(data, prefix="offences", form_kwargs={"child": child})
    if data is not None and rows.is_valid():
        recorded = services.record_offences(actor=actor, child=child, rows=rows.filled())
        count = len(recorded)
        messages.success(
            request,
            ngettext(
                "%(count)s offence has been recorded",
                "%(count)s offences have been recorded",
                count,
            )
            % {"count": count},
        )
        return redirect("offending:history", child_id=child.pk)
    return render(
        request,
        "offending/offences_form.html",
        {"rows": rows, "child": child, "summary": _row_errors(rows) if data is not None else []},
    )


def order_add(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id)
    form = OrderForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.record_order(actor=actor, child=child, data=data)
        messages.success(request, _("The order has been recorded"))
        return redirect("offending:history", child_id=child.pk)
    return render(request, "offending/order_form.html", {"form": form, "child": child})


def order_change(request: HttpRequest, child_id: int, order_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    order = queries.get_order(actor, child_id, order_id)
    child = order.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    context: dict[str, Any] = {"child": child, "order": order}
    if request.method != "POST":
        form = OrderForm(initial=OrderForm.initial_for(order), child=child)
        return render(request, "offending/order_form.html", {**context, "form": form})
    form = OrderForm(request.POST, child=child)
    if not form.is_valid():
        return render(request, "offending/order_form.html", {**context, "form": form})
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.update_order(
            actor=actor, order=order, data=data, expected_version=form.cleaned_data["version"] or 0
        )
    except services.EditConflict as conflict:
        rows = conflicts.differences(form, conflict.current, services.ORDER_FIELDS)
        form = OrderForm(
            conflicts.resubmission(request.POST, conflict.current.version), child=child
        )
        form.is_valid()
        return render(
            request,
            "offending/order_form.html",
            {**context, "form": form, "conflict": rows},
            status=409,
        )
    messages.success(request, _("The order has been updated"))
    return redirect("offending:history", child_id=child.pk)
