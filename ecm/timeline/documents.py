"""The drawn life timeline as a tagged PDF (PDF/UA-1) on A3 landscape, for the wall
of the formulation meeting: the drawing, as an image with its alternative text, then
the table of the same events."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from ecm.children.models import Child
from ecm.timeline import display, drawing
from ecm.timeline.models import TimelineEvent

STYLESHEET = Path(__file__).with_name("documents.css")


def render_html(child: Child, events: Sequence[TimelineEvent]) -> str:
    language = get_language() or "en"
    svg = drawing.timeline_svg(child, events)
    return render_to_string(
        "timeline/pdf/drawn.html",
        {
            "child": child,
            "lang": language,
            "image": drawing.svg_data_uri(svg),
            "alt": drawing.description(child, events),
            "rows": display.rows(child, events, language),
            "today": timezone.localdate(),
        },
    )


def render_pdf(child: Child, events: Sequence[TimelineEvent]) -> bytes:
    """A tagged PDF in the reader's language, in an Arial-metric font."""
    html = HTML(string=render_html(child, events), base_url=str(settings.BASE_DIR))
    pdf: bytes | None = html.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    assert pdf is not None
    return pdf
