"""Every PDF the product makes: tagged (PDF/UA-1) HTML rendered by WeasyPrint.

The document's language comes from the `lang` attribute of the HTML; the fonts from
the stylesheets (Arial first, Liberation Sans, from fonts-liberation2, with the same
metrics). `ecm/core/pack.css` is the shared look of multi-section packs.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from weasyprint import CSS, HTML  # type: ignore[import-untyped]

PACK_STYLESHEET = Path(__file__).with_name("pack.css")


def render_pdf(html: str, *stylesheets: Path) -> bytes:
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    pdf: bytes | None = document.write_pdf(
        stylesheets=[CSS(filename=str(path)) for path in stylesheets], pdf_variant="pdf/ua-1"
    )
    assert pdf is not None
    return pdf
