"""The developmental mapping drawn as a simple chart, on the server.

One horizontal bar per domain for the age at which the child is functioning, a
hatched stretch from the end of the bar to the child's age, and a dashed line at
the child's age on the mapping date. Solid, hatched and dashed, and every value
written out, so nothing depends on colour. The SVG has role="img", a <title> and a
<desc>; pages and PDFs embed it as <img src="data:image/svg+xml;base64,…" alt="…">
and always give the same numbers in a table beside it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _

from ecm.development.ages import age_text, comparison_text
from ecm.development.models import DOMAIN_ORDER, DevelopmentalMapping, DomainEstimate

WIDTH = 640
ROW = 78
BAR = 22
LEGEND = 84
AXIS = 46
INK, BLUE, GREY = "#0b0c0c", "#1d70b8", "#505a5f"


@dataclass(frozen=True)
class Chart:
    data_uri: str
    alt: str


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _estimates(mapping: DevelopmentalMapping) -> list[DomainEstimate]:
    # .all() uses the estimates prefetched by the queries: no query here.
    return sorted(mapping.estimates.all(), key=lambda e: DOMAIN_ORDER[e.domain])


def _their_age(mapping: DevelopmentalMapping, chronological_age_months: int) -> str:
    return _("Their age on %(date)s: %(age)s") % {
        "date": formats.date_format(mapping.mapped_on, "j F Y"),
        "age": age_text(chronological_age_months),
    }


def development_alt(mapping: DevelopmentalMapping, chronological_age_months: int) -> str:
    """The text alternative: every domain's estimate against the child's age."""
    lines = [
        f"{estimate.get_domain_display()}: "
        + comparison_text(estimate.functioning_months, chronological_age_months)
        for estimate in _estimates(mapping)
    ]
    return ". ".join([_their_age(mapping, chronological_age_months), *lines]) + "."


def _legend(their_age: str) -> list[str]:
    items = (
        f'<rect x="0" y="4" width="28" height="14" fill="{BLUE}"/>',
        f'<rect x="0" y="30" width="28" height="14" fill="url(#gap)" stroke="{GREY}"/>',
        f'<line x1="14" y1="52" x2="14" y2="76" stroke="{INK}" stroke-width="3" '
        f'stroke-dasharray="6 4"/>',
    )
    labels = (_("Age at which they are functioning"), _("Gap to their age"), their_age)
    return [
        f'{shape}<text x="38" y="{16 + 26 * index}" font-size="14">{escape(label)}</text>'
        for index, (shape, label) in enumerate(zip(items, labels, strict=True))
    ]


def development_svg(mapping: DevelopmentalMapping, chronological_age_months: int) -> str:
    """The chart for one mapping, against the child's age in months on its date."""
    estimates = _estimates(mapping)
    top_years = max(
        [chronological_age_months // 12 + 1, *(e.functioning_months // 12 + 1 for e in estimates)]
    )
    step = 1 if top_years <= 8 else 2
    top_years += (-top_years) % step
    scale = (WIDTH - 20) / (top_years * 12)
    parts = [
        '<defs><pattern id="gap" patternUnits="userSpaceOnUse" width="8" height="8" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{GREY}" stroke-width="3"/>'
        "</pattern></defs>"
    ]
    their_age = _their_age(mapping, chronological_age_months)
    parts += _legend(their_age)
    for index, estimate in enumerate(estimates):
        y = LEGEND + index * ROW
        months = estimate.functioning_months
        end = round(months * scale)
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="14" font-weight="bold">'
            f"{escape(str(estimate.get_domain_display()))}</text>"
            f'<text x="0" y="{y + 32}" font-size="13">'
            f"{escape(comparison_text(months, chronological_age_months))}</text>"
            f'<rect x="0" y="{y + 40}" width="{max(end, 2)}" height="{BAR}" fill="{BLUE}"/>'
        )
        gap = round(chronological_age_months * scale) - end
        if gap > 0:
            parts.append(
                f'<rect x="{end}" y="{y + 40}" width="{gap}" height="{BAR}" '
                f'fill="url(#gap)" stroke="{GREY}"/>'
            )
    # Their age: a dashed mark across each bar, clear of the words above it.
    age_x = round(chronological_age_months * scale)
    for index in range(len(estimates)):
        y = LEGEND + index * ROW
        parts.append(
            f'<line x1="{age_x}" y1="{y + 36}" x2="{age_x}" y2="{y + 40 + BAR + 4}" '
            f'stroke="{INK}" stroke-width="3" stroke-dasharray="6 4"/>'
        )
    rows_bottom = LEGEND + len(estimates) * ROW - 8
    axis_y = rows_bottom + 6
    parts.append(f'<line x1="0" y1="{axis_y}" x2="{WIDTH - 20}" y2="{axis_y}" stroke="{INK}"/>')
    for year in range(0, top_years + 1, step):
        x = round(year * 12 * scale)
        anchor = "start" if year == 0 else "middle"
        parts.append(
            f'<line x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 6}" stroke="{INK}"/>'
            f'<text x="{x}" y="{axis_y + 22}" font-size="13" text-anchor="{anchor}">{year}</text>'
        )
    parts.append(
        f'<text x="{(WIDTH - 20) // 2}" y="{axis_y + 40}" font-size="13" '
        f'text-anchor="middle">{escape(_("Age in years"))}</text>'
    )
    height = axis_y + AXIS
    title = _("Developmental mapping, %(date)s") % {
        "date": formats.date_format(mapping.mapped_on, "j F Y")
    }
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="Arial, sans-serif" fill="{INK}" '
        f'role="img"><title>{escape(title)}</title>'
        f"<desc>{escape(development_alt(mapping, chronological_age_months))}</desc>"
        + "".join(parts)
        + "</svg>"
    )


def development_chart(mapping: DevelopmentalMapping, chronological_age_months: int) -> Chart:
    return Chart(
        svg_data_uri(development_svg(mapping, chronological_age_months)),
        development_alt(mapping, chronological_age_months),
    )
