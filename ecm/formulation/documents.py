"""The formulation report as documents: a tagged PDF (PDF/UA-1, WeasyPrint) and an
editable .docx copy (python-docx), in the reader's language (the active language).

`report_context` builds what the report holds for one reader, so the page, the PDF,
the .docx and the tests share one decision about what is shown:

- staff readers of the child's service: everything but the clinical notes;
- psychologists: the clinical notes too;
- a partner agency worker: the sections and recommendations marked shared, the
  background events only if the background is shared (and never clinical-only
  events), no clinical notes, no sequencing rationale, no tier chart.

The drawn timeline holds only the events picked for the background (drawing every
event of a long life is the slow part).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from ecm.formulation.models import SECTION_FIELDS, FormulationReport
from ecm.formulation.queries import Reader, Row, approvals_of, recommendations_of
from ecm.timeline import drawing
from ecm.timeline.models import TimelineEvent, Visibility
from ecm.trm.charts import Chart, tier_chart
from ecm.trm.queries import history_of
from ecm.voice import queries as voice_queries

STYLESHEET = Path(__file__).with_name("report.css")


@dataclass(frozen=True)
class SectionText:
    name: str
    label: str
    text: str


def _label(name: str) -> str:
    return str(FormulationReport._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def sections_for(report: FormulationReport, reader: Reader) -> list[SectionText]:
    shown = [
        name
        for name in SECTION_FIELDS
        if not reader.is_partner or name in (report.shared_sections or [])
    ]
    return [SectionText(name, _label(name), getattr(report, name)) for name in shown]


def events_for(report: FormulationReport, reader: Reader) -> list[TimelineEvent]:
    if reader.is_partner and "background" not in (report.shared_sections or []):
        return []
    events = report.background_events.select_related("category").order_by("starts_on", "pk")
    if reader.is_partner or not reader.clinical:
        events = events.filter(visibility=Visibility.EVERYONE)
    return list(events)


def timeline_image(report: FormulationReport, events: list[TimelineEvent]) -> Chart | None:
    if not events:
        return None
    svg = drawing.timeline_svg(report.child, events, width=1000)
    alt = ngettext(
        "The significant event from the child's life timeline, drawn by age; it is listed "
        "after the drawing.",
        "The %(count)s significant events from the child's life timeline, drawn by age; "
        "they are listed by number after the drawing.",
        len(events),
    ) % {"count": len(events)}
    return Chart(drawing.svg_data_uri(svg), alt)


def report_context(report: FormulationReport, reader: Reader) -> dict[str, Any]:
    """What the report shows to this reader (the report's child already in scope)."""
    child = report.child
    events = events_for(report, reader)
    rows: list[Row] = recommendations_of(report, shared_only=reader.is_partner)
    context: dict[str, Any] = {
        "report": report,
        "child": child,
        "reader": reader,
        "language": get_language() or "en",
        "generated": timezone.localtime(),
        "sections": sections_for(report, reader),
        "events": events,
        "timeline": timeline_image(report, events),
        "rows": rows,
        "approvals": approvals_of(report),
        "show_tier": not reader.is_partner or "tier_reasons" in (report.shared_sections or []),
        "tier_chart": None,
        "voices": [],
        "clinical_notes": report.clinical_notes if reader.clinical else "",
    }
    if not reader.is_partner:
        context["tier_chart"] = tier_chart(history_of(child), timezone.localdate())
        context["voices"] = voice_queries.latest_voices(child)
    return context


def render_html(report: FormulationReport, reader: Reader) -> str:
    return render_to_string("formulation/report_pdf.html", report_context(report, reader))


def render_pdf(report: FormulationReport, reader: Reader) -> bytes:
    """A tagged PDF with the document language set and an Arial-metric font."""
    html = HTML(string=render_html(report, reader), base_url=str(settings.BASE_DIR))
    pdf: bytes | None = html.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    assert pdf is not None
    return pdf


def filename(report: FormulationReport, extension: str) -> str:
    return f"formulation-report-v{report.version}.{extension}"


def title(report: FormulationReport) -> str:
    return _("Formulation report for %(name)s, version %(version)s") % {
        "name": report.child.display_name,
        "version": report.version,
    }
