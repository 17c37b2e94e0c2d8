"""Server-side SVG charts: readable without colour, with a text alternative, and
the same numbers always given as a table beside them."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Chart:
    data_uri: str
    alt: str


def funnel_chart(totals: dict[str, int]) -> Chart:
    labels = {
        "referrals": _("Referrals"),
        "eligible": _("Found eligible"),
        "accepted": _("Accepted"),
        "consented": _("Consent in place"),
    }
    width, bar_height, gap, label_width = 640, 36, 14, 170
    top = max(totals.values()) or 1
    parts = []
    for index, (key, label) in enumerate(labels.items()):
        value = totals.get(key, 0)
        y = index * (bar_height + gap)
        length = int((width - label_width - 60) * value / top)
        parts.append(
            f'<text x="0" y="{y + 24}" font-size="16">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" height="{bar_height}" '
            f'fill="#1d70b8"/>'
            f'<text x="{label_width + max(length, 2) + 8}" y="{y + 24}" font-size="16" '
            f'font-weight="bold">{value}</text>'
        )
    height = len(labels) * (bar_height + gap)
    alt = "; ".join(f"{label}: {totals.get(key, 0)}" for key, label in labels.items())
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" role="img">'
        f"<title>{escape(_('Referral funnel'))}</title><desc>{escape(alt)}</desc>"
        + "".join(parts)
        + "</svg>"
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return Chart(uri, _("Referral funnel: %(numbers)s") % {"numbers": alt})
