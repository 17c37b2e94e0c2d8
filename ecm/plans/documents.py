"""'My plan' as a one-page tagged PDF (PDF/UA-1) in the summary's own language, Arial
first (Liberation Sans has the same metrics)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

from ecm.plans.models import MyPlan

STYLESHEET = Path(__file__).with_name("my_plan.css")


def render_html(my_plan: MyPlan, *, printable: bool = False) -> str:
    with translation.override(my_plan.language):
        return render_to_string(
            "plans/my_plan_document.html", {"my_plan": my_plan, "printable": printable}
        )


def render_pdf(my_plan: MyPlan) -> bytes:
    html = HTML(string=render_html(my_plan), base_url=str(settings.BASE_DIR))
    pdf: bytes | None = html.write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    assert pdf is not None
    return pdf
