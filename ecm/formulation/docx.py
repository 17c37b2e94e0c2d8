"""The editable .docx copy of the report: the same content as the PDF for the same
reader (documents.report_context), with headings as Word headings, the drawings as
pictures with their text alternative, and the document language set."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from ecm.formulation import pictures
from ecm.formulation.documents import report_context, title
from ecm.formulation.models import FormulationReport
from ecm.formulation.queries import Reader
from ecm.trm.queries import history_of


def _picture(document: Any, data: bytes, alt: str) -> None:
    shape = document.add_picture(io.BytesIO(data), width=Cm(16))
    properties = shape._inline.docPr
    properties.set("descr", alt)
    properties.set("title", alt[:100])


def _language(document: Any, language: str) -> None:
    tag = "cy-GB" if language == "cy" else "en-GB"
    for style in document.styles:
        element = getattr(style, "element", None)
        if element is None:
            continue
        rpr = element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        lang.set(qn("w:val"), tag)


def render_docx(report: FormulationReport, reader: Reader) -> bytes:
    context = report_context(report, reader)
    document = Document()
    document.core_properties.title = title(report)
    document.core_properties.language = "cy-GB" if context["language"] == "cy" else "en-GB"
    _language(document, context["language"])
    document.styles["Normal"].font.name = "Arial"
    document.add_heading(title(report), level=0)
    document.add_paragraph(str(report.get_status_display()))
    today = timezone.localdate()
    for section in context["sections"]:
        document.add_heading(section.label, level=1)
        if section.name == "tier_reasons" and context["show_tier"] and report.tier is not None:
            document.add_paragraph(
                _("Current tier on the Trauma Recovery Model: %(number)s, %(name)s.")
                % {
                    "number": report.tier.number,
                    "name": report.tier.display_name(context["language"]),
                }
            )
            chart = context["tier_chart"]
            if chart is not None:
                _picture(
                    document,
                    pictures.tier_png(list(reversed(history_of(report.child))), today),
                    chart.alt,
                )
        document.add_paragraph(section.text or _("Not written."))
        if section.name == "background" and context["events"]:
            document.add_heading(_("Significant events from the life timeline"), level=2)
            if context["timeline"] is not None:
                png = pictures.timeline_png(report.child.date_of_birth, context["events"], today)
                _picture(document, png, context["timeline"].alt)
            for event in context["events"]:
                document.add_paragraph(
                    f"{event.starts_on:%m/%Y}: {event.title}", style="List Number"
                )
    document.add_heading(_("Recommendations, in the order to deliver them"), level=1)
    for row in context["rows"]:
        item = row.recommendation
        document.add_heading(f"{item.number}. {item.what}", level=2)
        if not reader.is_partner:
            for warning in row.warnings:
                document.add_paragraph(f"{_('Sequencing warning:')} {warning}")
        lines = [
            (_("Why"), item.why),
            (_("Tier"), str(item.tier.number)),
            (_("Owner"), item.owner.full_name if item.owner else ""),
            (_("How we will know it is working"), item.success_measure),
        ]
        if not reader.is_partner:
            lines.append((_("Clinical rationale"), item.rationale))
        for label, value in lines:
            if value:
                document.add_paragraph(f"{label}: {value}")
    if context["clinical_notes"]:
        document.add_heading(_("Clinical notes (clinical team only)"), level=1)
        document.add_paragraph(context["clinical_notes"])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
