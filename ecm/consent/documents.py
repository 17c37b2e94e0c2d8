"""The printable consent form and the information sheet, as tagged PDFs (PDF/UA-1).

Each document is bilingual: the same template is rendered in Welsh, then in
English, Welsh first as the Welsh Language Standards ask.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pydyf  # type: ignore[import-untyped]
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from ecm.children.models import Child
from ecm.consent.models import ConsentPurpose, ReminderChannel
from ecm.organisations.models import PartnerAgency

CONSENT_FORM = "consent-form"
INFORMATION_SHEET = "information-sheet"
DOCUMENTS = {
    CONSENT_FORM: ("consent/pdf/consent_form.html", _("Agreeing to Enhanced Case Management")),
    INFORMATION_SHEET: (
        "consent/pdf/information_sheet.html",
        _("Enhanced Case Management: information for you and your family"),
    ),
}
LANGUAGES = ("cy", "en")
STYLESHEET = Path(__file__).with_name("documents.css")


def _context(child: Child) -> dict[str, Any]:
    return {
        "child": child,
        "agencies": list(
            PartnerAgency.objects.filter(service_id=child.service_id).order_by("name")
        ),
        "case_manager": child.case_manager.full_name if child.case_manager else "",
        "purposes": ConsentPurpose,
        "channels": ReminderChannel.choices,
    }


def render_html(kind: str, child: Child) -> str:
    template, title = DOCUMENTS[kind]
    context = _context(child)
    names = dict(settings.LANGUAGES)
    parts = []
    for code in LANGUAGES:
        with translation.override(code):
            parts.append(
                {
                    "code": code,
                    "name": names[code],
                    "title": str(title),
                    "html": mark_safe(render_to_string(template, context)),  # noqa: S308
                }
            )
    return render_to_string(
        "consent/pdf/document.html",
        {"parts": parts, "lang": LANGUAGES[0], "title": " / ".join(p["title"] for p in parts)},
    )


def _mark_languages(document: Any, pdf: Any) -> None:
    """Sets /Lang on each part's section tags, so that screen readers switch from
    Welsh to English (WeasyPrint sets the language of the whole document only).
    Each part starts on a new page, at the bookmark named after its language."""
    names = dict(settings.LANGUAGES)
    starts = sorted(
        (index, code)
        for index, page in enumerate(document.pages)
        for code in LANGUAGES
        for _level, label, *_rest in page.bookmarks
        if label == names[code]
    )
    pages = {str(reference): index for index, reference in enumerate(pdf.page_references)}
    for item in pdf.objects:
        if isinstance(item, dict) and item.get("S") == "/Sect" and "Pg" in item:
            index = pages.get(str(item["Pg"]), 0)
            code = next((c for start, c in reversed(starts) if start <= index), LANGUAGES[0])
            item["Lang"] = pydyf.String(code)


def render_pdf(kind: str, child: Child) -> bytes:
    """A real PDF: tagged, with the document language set and an Arial-metric font."""
    html = HTML(string=render_html(kind, child), base_url=str(settings.BASE_DIR))
    pdf: bytes | None = html.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))],
        pdf_variant="pdf/ua-1",
        finisher=_mark_languages,
    )
    assert pdf is not None
    return pdf
