"""Adding events (one, or several rows at once), changing an event with conflict
protection, and the psychologist's review: accepting a partner agency's event, or
merging a duplicate into another event."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.core import access, conflicts
from ecm.core.templatetags.govuk import field_anchor
from ecm.organisations.models import PartnerAgency
from ecm.timeline import display, queries, services
from ecm.timeline.forms import BaseEventRows, EventForm, EventRows, MergeForm
from ecm.timeline.models import Certainty, EventCategory, TimelineEvent, Visibility

NEW_EVENT = {"certainty": Certainty.REPORTED, "visibility": Visibility.EVERYONE}


def _adding(request: HttpRequest, child_id: int, page: str) -> queries.Reader:
    reader = queries.reader_for(access.actor_for(request), child_id, page=page, partners=True)
    if not reader.adds:
        raise PermissionDenied
    queries.audit(reader, page)
    return reader


def _choices(reader: queries.Reader) -> dict[str, Any]:
    return {
        "child": reader.child,
        "categories": queries.categories(),
        "agencies": [] if reader.is_partner else queries.agencies_of(reader.child),
        "partner": reader.is_partner,
        "today": timezone.localdate(),
    }


def _added(request: HttpRequest, reader: queries.Reader, count: int) -> HttpResponse:
    if reader.is_partner:
        message = ngettext(
            "%(count)s event has been sent to the psychologist for review",
            "%(count)s events have been sent to the psychologist for review",
            count,
        )
    else:
        message = ngettext(
            "%(count)s event has been added to the timeline",
            "%(count)s events have been added to the timeline",
            count,
        )
    messages.success(request, message % {"count": count})
    return redirect("timeline:list", child_id=reader.child.pk)


def event_add(request: HttpRequest, child_id: int) -> HttpResponse:
    reader = _adding(request, child_id, "add")
    data = request.POST if request.method == "POST" else None
    form = EventForm(data, initial=NEW_EVENT, **_choices(reader))
    if data is not None and form.is_valid() and form.when is not None:
        services.record_events(
            actor=reader.actor, child=reader.child, entries=[form.entry(form.when)]
        )
        return _added(request, reader, 1)
    return render(
        request, "timeline/event_form.html", {"form": form, "child": reader.child, "reader": reader}
    )


def _row_errors(rows: BaseEventRows) -> list[tuple[str, str]]:
    """Every error of every row for the error summary, as (message, link target)."""
    first = field_anchor(rows.forms[0]["title"]) if rows.forms else ""
    errors = [(str(error), first) for error in rows.non_form_errors()]
    for number, form in enumerate(rows.forms, start=1):
        for bound in form:
            for error in bound.errors:
                message = _("Row %(number)s: %(error)s") % {"number": number, "error": error}
                errors.append((message, field_anchor(bound)))
    return errors


def events_add(request: HttpRequest, child_id: int) -> HttpResponse:
    reader = _adding(request, child_id, "add-several")
    data = request.POST if request.method == "POST" else None
    rows = EventRows(data, prefix="events", form_kwargs=_choices(reader))
    if data is not None and rows.is_valid():
        entries = rows.entries()
        services.record_events(actor=reader.actor, child=reader.child, entries=entries)
        return _added(request, reader, len(entries))
    return render(
        request,
        "timeline/events_form.html",
        {
            "rows": rows,
            "child": reader.child,
            "reader": reader,
            "summary": _row_errors(rows) if data is not None else [],
        },
    )


def _differences(
    current: TimelineEvent, yours: TimelineEvent, reader: queries.Reader
) -> list[conflicts.Difference]:
    categories = {c.code: c for c in EventCategory.objects.all()}
    agencies = {a.pk: a for a in PartnerAgency.objects.filter(service_id=reader.child.service_id)}
    language = get_language() or "en"
    theirs = display.snapshot_values(services.snapshot(current), categories, agencies, language)
    mine = display.snapshot_values(services.snapshot(yours), categories, agencies, language)
    return [
        conflicts.Difference(str(display.LABELS[name]), theirs[name], mine[name])
        for name in theirs
        if theirs[name] != mine[name]
    ]


def event_change(request: HttpRequest, child_id: int, event_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="change")
    event = queries.get_event(reader, event_id, page="change", pending=True)
    if not services.can_change(actor, event):
        raise PermissionDenied
    choices = {**_choices(reader), "current": event.category}
    context: dict[str, Any] = {"child": reader.child, "event": event, "reader": reader}
    if request.method != "POST":
        form = EventForm(initial=EventForm.initial_for(event), **choices)
        return render(request, "timeline/event_form.html", {**context, "form": form})
    form = EventForm(request.POST, **choices)
    if not form.is_valid() or form.when is None:
        return render(request, "timeline/event_form.html", {**context, "form": form})
    entry = form.entry(form.when)
    try:
        services.update_event(
            actor=actor,
            event=event,
            entry=entry,
            expected_version=form.cleaned_data["version"] or 0,
            accept="accept" in request.POST,
        )
    except services.EditConflict as conflict:
        rows = _differences(conflict.current, services.preview(event, entry), reader)
        values = conflicts.resubmission(request.POST, conflict.current.version)
        form = EventForm(values, **{**choices, "current": conflict.current.category})
        form.is_valid()
        context["event"] = conflict.current
        return render(
            request,
            "timeline/event_form.html",
            {**context, "form": form, "conflict": rows},
            status=409,
        )
    if "accept" in request.POST:
        messages.success(request, _("The event has been changed and accepted"))
        return redirect("timeline:review", child_id=reader.child.pk)
    messages.success(request, _("The event has been changed"))
    return redirect("timeline:list", child_id=reader.child.pk)


def _reviewing(
    request: HttpRequest, child_id: int, event_id: int, page: str
) -> tuple[queries.Reader, TimelineEvent]:
    reader = queries.reader_for(access.actor_for(request), child_id, page=page)
    event = queries.get_event(reader, event_id, page=page, pending=True)
    if not reader.reviews:
        raise PermissionDenied
    return reader, event


@require_POST
def event_accept(request: HttpRequest, child_id: int, event_id: int) -> HttpResponse:
    reader, event = _reviewing(request, child_id, event_id, "accept")
    version = request.POST.get("version", "")
    try:
        services.accept_event(
            actor=reader.actor,
            event=event,
            expected_version=int(version) if version.isdigit() else 0,
        )
    except services.EditConflict:
        events = queries.pending_events(reader)
        return render(
            request,
            "timeline/review.html",
            {
                "child": reader.child,
                "reader": reader,
                "rows": display.rows(reader.child, events, get_language() or "en"),
                "stale": True,
            },
            status=409,
        )
    messages.success(request, _("The event has been accepted onto the timeline"))
    return redirect("timeline:review", child_id=reader.child.pk)


def event_merge(request: HttpRequest, child_id: int, event_id: int) -> HttpResponse:
    reader, event = _reviewing(request, child_id, event_id, "merge")
    language = get_language() or "en"
    targets = queries.merge_targets(reader, event)
    labelled = [
        (row.event.pk, f"{row.event.title} – {row.when} ({row.category}, {row.source})")
        for row in display.rows(reader.child, targets, language)
    ]
    data = request.POST if request.method == "POST" else None
    form = MergeForm(data, initial={"version": event.version}, targets=labelled)
    context: dict[str, Any] = {
        "child": reader.child,
        "event": event,
        "row": display.rows(reader.child, [event], language)[0],
        "form": form,
    }
    if data is None or not form.is_valid():
        return render(request, "timeline/merge.html", context)
    into = next(t for t in targets if str(t.pk) == form.cleaned_data["into"])
    try:
        services.merge_event(
            actor=reader.actor,
            event=event,
            into=into,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.EditConflict as conflict:
        context.update(event=conflict.current, stale=True)
        return render(request, "timeline/merge.html", context, status=409)
    messages.success(request, _("The duplicate has been merged; its history is kept"))
    return redirect("timeline:history", child_id=reader.child.pk, event_id=into.pk)
