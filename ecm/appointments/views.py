"""A child's appointments: the list with the usual slot and the consistency figures,
booking one appointment or a regular slot, changing one, recording its outcome on one
page; and the case manager's outcomes to record."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecm.appointments import queries, services
from ecm.appointments.forms import AppointmentForm, OutcomeForm, SeriesForm
from ecm.appointments.models import Appointment
from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor

CHANGEABLE = (
    "day",
    "start_time",
    "duration_minutes",
    "kind",
    "mode",
    "place",
    "attendees",
    "purpose",
)


def _editable_child(actor: Actor, child_id: int, page: str) -> Child:
    child = queries.child_for(actor, child_id, page=page)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    return child


def _editable_appointment(
    actor: Actor, child_id: int, appointment_id: int, page: str
) -> Appointment:
    appointment = queries.get_appointment(actor, child_id, appointment_id, page=page)
    if not access.can_edit_children_in(actor, appointment.child.service_id):
        raise PermissionDenied
    return appointment


def index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    page = queries.appointments_page(actor, child_id)
    return render(
        request,
        "appointments/index.html",
        {
            "child": page.child,
            "page": page,
            "figures": page.figures,
            "can_edit": access.can_edit_children_in(actor, page.child.service_id),
        },
    )


def book(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id, "book")
    form = AppointmentForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        appointment = services.book_appointment(
            actor=actor,
            child=child,
            data=form.cleaned_data,
            submission=form.cleaned_data["submission"],
        )
        messages.success(request, _("The appointment has been booked"))
        return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)
    return render(request, "appointments/book.html", {"form": form, "child": child})


def book_series(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = _editable_child(actor, child_id, "book-series")
    form = SeriesForm(request.POST if request.method == "POST" else None, child=child)
    if form.is_valid():
        data = form.cleaned_data
        series = services.book_series(
            actor=actor,
            child=child,
            data=data,
            frequency=data["frequency"],
            until=data["until"],
            submission=data["submission"],
        )
        count = series.appointments.count()
        messages.success(
            request,
            ngettext(
                "%(count)s appointment has been booked",
                "%(count)s appointments have been booked",
                count,
            )
            % {"count": count},
        )
        return redirect("appointments:index", child_id=child.pk)
    return render(request, "appointments/book.html", {"form": form, "child": child, "series": True})


def detail(request: HttpRequest, child_id: int, appointment_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    appointment = queries.get_appointment(actor, child_id, appointment_id, page="appointment")
    return render(
        request,
        "appointments/detail.html",
        {
            "appointment": appointment,
            "child": appointment.child,
            "outcome": getattr(appointment, "outcome", None),
            "follow_up": getattr(appointment, "follow_up", None),
            "due_on": queries.outcome_due_on(appointment),
            "can_edit": access.can_edit_children_in(actor, appointment.child.service_id),
        },
    )


def change(request: HttpRequest, child_id: int, appointment_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    appointment = _editable_appointment(actor, child_id, appointment_id, "change")
    child = appointment.child
    context: dict[str, Any] = {"child": child, "appointment": appointment}
    if hasattr(appointment, "outcome"):
        messages.info(
            request, _("The outcome is recorded, so the appointment can no longer change")
        )
        return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)
    if request.method != "POST":
        form = AppointmentForm(initial=AppointmentForm.initial_for(appointment), child=child)
        return render(request, "appointments/book.html", {**context, "form": form})
    form = AppointmentForm(request.POST, child=child)
    if not form.is_valid():
        return render(request, "appointments/book.html", {**context, "form": form})
    try:
        services.update_appointment(
            actor=actor,
            appointment=appointment,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.EditConflict as conflict:
        rows = _differences(form, conflict.current)
        values = conflicts.resubmission(request.POST, conflict.current.version)
        form = AppointmentForm(values, child=child)
        form.is_valid()
        return render(
            request,
            "appointments/book.html",
            {**context, "form": form, "conflict": rows},
            status=409,
        )
    messages.success(request, _("The appointment has been changed"))
    return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)


def _shown(form: AppointmentForm, name: str, value: Any) -> str:
    if value in (None, ""):
        return conflicts.EMPTY
    if isinstance(value, date):
        return date_format(value, "j F Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    labels = dict(getattr(form.fields[name], "choices", None) or [])
    return str(labels.get(value, value))


def _differences(form: AppointmentForm, current: Appointment) -> list[conflicts.Difference]:
    """The conflict table: what the other person saved against what this person typed."""
    saved = AppointmentForm.initial_for(current)
    saved["start_time"] = timezone.localtime(current.starts_at).time()
    rows = []
    for name in CHANGEABLE:
        theirs, yours = saved[name], form.cleaned_data.get(name)
        if theirs != yours:
            rows.append(
                conflicts.Difference(
                    label=str(form[name].label),
                    theirs=_shown(form, name, theirs),
                    yours=_shown(form, name, yours),
                )
            )
    return rows


def outcome(request: HttpRequest, child_id: int, appointment_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    appointment = _editable_appointment(actor, child_id, appointment_id, "record-outcome")
    child = appointment.child
    if hasattr(appointment, "outcome"):
        messages.info(request, _("The outcome of this appointment is already recorded"))
        return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None, appointment=appointment)
    if form.is_valid():
        try:
            services.record_outcome(actor=actor, appointment=appointment, data=form.cleaned_data)
        except services.OutcomeAlreadyRecorded:
            # Sent twice, or someone else was quicker: one outcome, shown on the appointment.
            messages.info(request, _("The outcome of this appointment is already recorded"))
            return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)
        if form.opens_follow_up:
            messages.success(
                request,
                _(
                    "The outcome has been recorded. A follow-up is due within one working "
                    "day: try to reach the child and family."
                ),
            )
        else:
            messages.success(request, _("The outcome has been recorded"))
        return redirect("appointments:detail", child_id=child.pk, appointment_id=appointment.pk)
    return render(
        request,
        "appointments/outcome.html",
        {
            "form": form,
            "appointment": appointment,
            "child": child,
            "due_on": queries.outcome_due_on(appointment),
        },
    )


def outcomes_to_record(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    if not actor.has_any(access.CHILD_RECORD_EDITORS):
        raise PermissionDenied
    appointments = queries.outcomes_to_record(actor)
    return render(
        request,
        "appointments/outcomes_to_record.html",
        {
            "appointments": [(a, queries.outcome_due_on(a)) for a in appointments],
            "today": timezone.localdate(),
        },
    )
