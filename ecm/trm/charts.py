"""A child's tier over time as a step chart drawn on the server.

One step per assessment, a marker with the tier number written beside it, the axis
labelled with tier numbers: nothing depends on colour. The SVG has role="img", a
<title> and a <desc>; pages embed it as <img src="data:image/svg+xml;base64,…"
alt="…"> and the same assessments are always listed in a table beside it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _

from ecm.trm.models import TierAssessment

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 20, 50
INK, BLUE, GREY = "#0b0c0c", "#1d70b8", "#b1b4b6"
TIERS = range(0, 7)


@dataclass(frozen=True)
class Chart:
    data_uri: str
    alt: str


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def tier_alt(oldest_first: list[TierAssessment], today: date) -> str:
    parts = [
        _("tier %(number)s from %(date)s") % {"number": a.tier.number, "date": _day(a.assessed_on)}
        for a in oldest_first
    ]
    return _("The child's tier over time: %(steps)s.") % {"steps": "; ".join(parts)}


def tier_svg(oldest_first: list[TierAssessment], today: date) -> str:
    first = oldest_first[0].assessed_on
    last = max(today, oldest_first[-1].assessed_on)
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y(number: int) -> float:
        return TOP + plot_h * (6 - number) / 6

    parts = [
        f'<line x1="{LEFT}" y1="{y(n):.1f}" x2="{WIDTH - RIGHT}" y2="{y(n):.1f}" '
        f'stroke="{GREY}" stroke-width="1"/>'
        f'<text x="{LEFT - 10}" y="{y(n) + 5:.1f}" font-size="14" text-anchor="end">{n}</text>'
        for n in TIERS
    ]
    parts.append(
        f'<text x="16" y="{TOP + plot_h / 2:.1f}" font-size="14" '
        f'transform="rotate(-90 16 {TOP + plot_h / 2:.1f})" text-anchor="middle">'
        f"{escape(_('Tier'))}</text>"
    )
    points: list[str] = []
    for index, assessment in enumerate(oldest_first):
        start = x(assessment.assessed_on)
        end = x(oldest_first[index + 1].assessed_on) if index + 1 < len(oldest_first) else x(last)
        level = y(assessment.tier.number)
        points += [f"{start:.1f},{level:.1f}", f"{end:.1f},{level:.1f}"]
    parts.append(
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{BLUE}" stroke-width="4"/>'
    )
    for assessment in oldest_first:
        cx, cy = x(assessment.assessed_on), y(assessment.tier.number)
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="7" fill="#ffffff" stroke="{INK}" '
            f'stroke-width="3"/>'
            f'<text x="{cx + 10:.1f}" y="{cy - 10:.1f}" font-size="14" font-weight="bold">'
            f"{assessment.tier.number}</text>"
        )
    axis_y = HEIGHT - BOTTOM + 22
    parts.append(
        f'<text x="{LEFT}" y="{axis_y}" font-size="14">{escape(_day(first))}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{axis_y}" font-size="14" text-anchor="end">'
        f"{escape(_day(last))}</text>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Arial, sans-serif" role="img">'
        f"<title>{escape(_('Tier over time'))}</title>"
        f"<desc>{escape(tier_alt(oldest_first, today))}</desc>" + "".join(parts) + "</svg>"
    )


def tier_chart(newest_first: list[TierAssessment], today: date) -> Chart | None:
    if not newest_first:
        return None
    oldest_first = list(reversed(newest_first))
    svg = tier_svg(oldest_first, today)
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return Chart(uri, tier_alt(oldest_first, today))
