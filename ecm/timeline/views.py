"""The life timeline's reading pages: the chronological list (for partner agency
workers, their agency's contributions only), the drawn timeline with its table, the
A3 PDF, an event's history and the contributions waiting for review."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ecm.audit.models import Verb
from ecm.core import access
from ecm.organisations.models import PartnerAgency
from ecm.timeline import display, documents, drawing, queries, services
from ecm.timeline.forms import FilterForm
from ecm.timeline.models import EventCategory

PAGE_WIDTH = 956


def _language() -> str:
    return get_language() or "en"


def timeline(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="list", partners=True)
    if reader.is_partner:
        page = queries.timeline(reader, queries.Filters(), page="partner-list")
        return render(
            request,
            "timeline/partner_list.html",
            {
                "child": reader.child,
                "reader": reader,
                "rows": display.rows(reader.child, page.events, _language()),
            },
        )
    filters = queries.Filters.from_query(request.GET)
    page = queries.timeline(reader, filters, page="list")
    return render(
        request,
        "timeline/list.html",
        {
            "child": reader.child,
            "reader": reader,
            "page": page,
            "rows": display.rows(reader.child, page.events, _language()),
            "filter_form": FilterForm(
                request.GET, categories=page.categories, agencies=page.agencies
            ),
            "query": filters.as_query(),
        },
    )


def drawn(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="drawn")
    filters = queries.Filters.from_query(request.GET)
    page = queries.timeline(reader, filters, page="drawn")
    # As wide as the page's column: legible without scrolling, and vector for print.
    svg = drawing.timeline_svg(reader.child, page.events, width=PAGE_WIDTH)
    return render(
        request,
        "timeline/drawn.html",
        {
            "child": reader.child,
            "reader": reader,
            "page": page,
            # Built by drawing.timeline_svg, which escapes every text it draws.
            "svg": mark_safe(svg),  # noqa: S308
            "rows": display.rows(reader.child, page.events, _language()),
            "filter_form": FilterForm(
                request.GET, categories=page.categories, agencies=page.agencies
            ),
            "query": filters.as_query(),
        },
    )


def drawn_pdf(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="pdf")
    filters = queries.Filters.from_query(request.GET)
    page = queries.timeline(reader, filters, page="pdf", verb=Verb.DOWNLOAD_TIMELINE)
    response = HttpResponse(
        documents.render_pdf(reader.child, page.events), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="life-timeline.pdf"'
    return response


def history(request: HttpRequest, child_id: int, event_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="history")
    result = queries.history(reader, event_id)
    categories = {c.code: c for c in EventCategory.objects.all()}
    agencies = {a.pk: a for a in PartnerAgency.objects.filter(service_id=reader.child.service_id)}
    language = _language()
    return render(
        request,
        "timeline/history.html",
        {
            "child": reader.child,
            "event": result.event,
            "when": display.when_label(result.event),
            "entries": display.history_entries(result.revisions, categories, agencies, language),
            "merged": display.rows(reader.child, result.merged, language),
            "can_change": services.can_change(actor, result.event),
        },
    )


def review(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    reader = queries.reader_for(actor, child_id, page="review")
    events = queries.pending_events(reader)
    return render(
        request,
        "timeline/review.html",
        {
            "child": reader.child,
            "reader": reader,
            "rows": display.rows(reader.child, events, _language()),
        },
    )
