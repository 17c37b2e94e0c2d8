"""The drawn life timeline: a server-side SVG with the child's age in years along the
axis, positive events above it, neutral events on it (a band) and adverse events
below it. Categories are told apart by shape and by the key's text, never by colour
alone (colour only repeats the position); each event carries its number in the
table of events that goes with the drawing. No database queries: the caller passes
the events with their categories and agencies loaded.

Pure string building, so that 500 events draw in a few milliseconds (see the
`benchmark_timeline` command).
"""

from __future__ import annotations

import base64
import itertools
import math
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.timeline.models import EventCategory, Precision, TimelineEvent, Valence

DEFAULT_WIDTH = 1400
LEFT, RIGHT, TOP = 118, 30, 64
LANE = 26
FONT = "Arial, 'Liberation Sans', sans-serif"
INK, GREY, LIGHT = "#0b0c0c", "#505a5f", "#b1b4b6"
COLOURS: dict[str, str] = {
    Valence.ADVERSE: "#d4351c",
    Valence.POSITIVE: "#00703c",
    Valence.NEUTRAL: "#505a5f",
}
YEAR_DAYS = 365.25


def _polygon(points: Sequence[tuple[float, float]]) -> tuple[float, float, str]:
    """A closed path relative to its first point: (dx, dy from the centre, path)."""
    steps = "".join(f"l{b[0] - a[0]:.2f},{b[1] - a[1]:.2f}" for a, b in itertools.pairwise(points))
    return points[0][0], points[0][1], steps + "z"


def _regular(
    count: int, outer: float, inner: float | None = None, turn: float = -90
) -> list[tuple[float, float]]:
    corners = count * (2 if inner else 1)
    points = []
    for index in range(corners):
        radius = outer if inner is None or index % 2 == 0 else inner
        angle = math.radians(turn + index * 360 / corners)
        points.append((radius * math.cos(angle), radius * math.sin(angle)))
    return points


_PLUS = [(-3, -9), (3, -9), (3, -3), (9, -3), (9, 3), (3, 3), (3, 9), (-3, 9), (-3, 3)]
_PLUS += [(-9, 3), (-9, -3), (-3, -3)]
_ROOT = math.sqrt(0.5)
SHAPES = {
    "square": _polygon([(-7.5, -7.5), (7.5, -7.5), (7.5, 7.5), (-7.5, 7.5)]),
    "triangle": _polygon([(0, -9.5), (9, 7), (-9, 7)]),
    "diamond": _polygon([(0, -10), (10, 0), (0, 10), (-10, 0)]),
    "hexagon": _polygon(_regular(6, 9, turn=0)),
    "star": _polygon(_regular(5, 10.5, 4.5)),
    "cross": _polygon([((x - y) * _ROOT, (x + y) * _ROOT) for x, y in _PLUS]),
}


def marker(shape: str, x: float, y: float, fill: str) -> str:
    if shape not in SHAPES:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{fill}" stroke="{INK}"/>'
    dx, dy, path = SHAPES[shape]
    return f'<path d="M{x + dx:.1f},{y + dy:.1f}{path}" fill="{fill}" stroke="{INK}"/>'


def _years(born: date, day: date) -> float:
    return (day - born).days / YEAR_DAYS


def _lanes(items: list[tuple[float, float, int]]) -> dict[int, int]:
    """Greedy lanes: each item (start, end, index) goes in the first lane free at its
    start, so that markers and numbers never overlap."""
    ends: list[float] = []
    lane_of = {}
    for start, end, index in sorted(items):
        for lane, taken in enumerate(ends):
            if taken <= start:
                ends[lane] = end
                break
        else:
            lane = len(ends)
            ends.append(end)
        lane_of[index] = lane
    return lane_of


def description(child: Child, events: Sequence[TimelineEvent]) -> str:
    """The drawing in words (its <desc>, and the alternative text of its image)."""
    today = timezone.localdate()
    count = {v: sum(1 for e in events if e.valence == v) for v in Valence.values}
    return " ".join(
        [
            ngettext(
                "%(count)s event from %(name)s's birth on %(born)s to today, aged %(age)s.",
                "%(count)s events from %(name)s's birth on %(born)s to today, aged %(age)s.",
                len(events),
            )
            % {
                "count": len(events),
                "name": child.display_name,
                "born": date_format(child.date_of_birth, "j F Y"),
                "age": child.age_on(today),
            },
            _(
                "Above the line, positive: %(positive)s. On the line, neutral: %(neutral)s. "
                "Below the line, adverse: %(adverse)s."
            )
            % {
                "positive": count[Valence.POSITIVE],
                "neutral": count[Valence.NEUTRAL],
                "adverse": count[Valence.ADVERSE],
            },
            _("Each event is numbered as in the table of events that goes with the drawing."),
        ]
    )


def timeline_svg(child: Child, events: Sequence[TimelineEvent], *, width: int | None = None) -> str:
    """The drawing of `events` (in the order given, numbered from 1) as an SVG string,
    with role="img", <title> and <desc>."""
    language = get_language() or "en"
    width = width or DEFAULT_WIDTH
    born, today = child.date_of_birth, timezone.localdate()
    latest = max([today, *(e.ends_on or e.starts_on for e in events)])
    span = max(1, math.ceil(_years(born, latest) + 0.01))
    scale = (width - LEFT - RIGHT) / span

    def x_of(day: date) -> float:
        return LEFT + min(max(_years(born, day), 0.0), span) * scale

    placed: dict[str, list[tuple[float, float, int]]] = {v: [] for v in Valence.values}
    spans: list[tuple[float, float, float]] = []
    for index, event in enumerate(events):
        start = x_of(event.starts_on)
        if event.precision == Precision.RANGE and event.ends_on:
            end, x = x_of(event.ends_on), start
        else:
            # A month, a year or an age: one marker in the middle of the period.
            start = end = x = (start + x_of(event.ends_on)) / 2 if event.ends_on else start
        spans.append((x, start, end))
        digits = len(str(index + 1))
        placed[event.valence].append((min(start, x) - 11, max(end, x) + 16 + 8 * digits, index))
    lanes = {valence: _lanes(items) for valence, items in placed.items()}
    above = max([1, *(lane + 1 for lane in lanes[Valence.POSITIVE].values())])
    level = max([1, *(lane + 1 for lane in lanes[Valence.NEUTRAL].values())])
    below = max([1, *(lane + 1 for lane in lanes[Valence.ADVERSE].values())])
    band_top = TOP + above * LANE + 8
    band_bottom = band_top + level * LANE
    adverse_top = band_bottom + 48
    bottom = adverse_top + below * LANE + 10

    def y_of(valence: str, lane: int) -> float:
        if valence == Valence.POSITIVE:
            return TOP + (above - lane - 0.5) * LANE
        if valence == Valence.NEUTRAL:
            return band_top + (lane + 0.5) * LANE
        return adverse_top + (lane + 0.5) * LANE

    parts = [
        f'<rect x="0" y="0" width="{width}" height="HEIGHT" fill="#ffffff"/>',
        f'<rect x="{LEFT}" y="{band_top}" width="{width - LEFT - RIGHT}" '
        f'height="{band_bottom - band_top}" fill="#f3f2f1" stroke="{INK}" stroke-width="2"/>',
    ]
    step = 1 if scale >= 44 else 2 if scale >= 22 else 5
    for age in range(0, span + 1):
        x = LEFT + age * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{LIGHT}" '
            f'stroke-width="0.75"/>'
        )
        if age % step == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{band_bottom + 19}" font-size="15" text-anchor="middle" '
                f'fill="{INK}">{age}</text><text x="{x:.1f}" y="{band_bottom + 38}" '
                f'font-size="12" text-anchor="middle" fill="{GREY}">{born.year + age}</text>'
            )
    now = x_of(today)
    parts.append(
        f'<line x1="{now:.1f}" y1="{TOP - 20}" x2="{now:.1f}" y2="{bottom}" stroke="{INK}" '
        f'stroke-width="1.5" stroke-dasharray="6 4"/><text x="{now - 4:.1f}" y="{TOP - 26}" '
        f'font-size="13" text-anchor="end" fill="{INK}">{escape(_("Today"))}</text>'
    )
    zones = (
        (_("Positive"), (TOP + band_top) / 2),
        (_("Neutral"), (band_top + band_bottom) / 2),
        (_("Adverse"), (adverse_top + bottom) / 2),
    )
    for label, y in zones:
        parts.append(
            f'<text x="8" y="{y + 5:.1f}" font-size="15" font-weight="bold" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    parts.append(
        f'<text x="8" y="{band_bottom + 19}" font-size="13" fill="{INK}">{escape(_("Age"))}</text>'
        f'<text x="8" y="{band_bottom + 38}" font-size="12" fill="{GREY}">'
        f"{escape(_('Year'))}</text>"
    )
    for index, event in enumerate(events):
        x, start, end = spans[index]
        y = y_of(event.valence, lanes[event.valence][index])
        colour = COLOURS.get(event.valence, GREY)
        number = index + 1
        weight = ' font-weight="bold"' if event.significant else ""
        bar = (
            f'<line x1="{start:.1f}" y1="{y:.1f}" x2="{end:.1f}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="5"/>'
            if end > start
            else ""
        )
        parts.append(
            f"<g><title>{number}. {escape(event.title)}</title>{bar}"
            f"{marker(event.category.shape, x, y, colour)}"
            f'<text x="{max(x, end) + 12:.1f}" y="{y + 5:.1f}" font-size="14"{weight} '
            f'fill="{INK}">{number}</text></g>'
        )
    key, height = _key(events, language, width, bottom + 24)
    parts.extend(key)
    title_id, desc_id = f"timeline-title-{child.pk}", f"timeline-desc-{child.pk}"
    title = _("Life timeline of %(name)s") % {"name": child.display_name}
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT)}>'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description(child, events))}</desc>'
        + "".join(parts).replace('height="HEIGHT"', f'height="{height}"', 1)
        + "</svg>"
    )


def _key(
    events: Sequence[TimelineEvent], language: str, width: int, top: float
) -> tuple[list[str], int]:
    """The key under the drawing: each category's shape and name, and how to read it."""
    used: dict[int, EventCategory] = {e.category.pk: e.category for e in events}
    categories = sorted(used.values(), key=lambda c: (c.sort_order, c.name))
    parts = [
        f'<text x="8" y="{top + 6:.1f}" font-size="16" font-weight="bold" fill="{INK}">'
        f"{escape(_('Key'))}</text>"
    ]
    column_width = 270
    columns = max(1, (width - 16) // column_width)
    for index, category in enumerate(categories):
        row, column = divmod(index, columns)
        x, y = 18 + column * column_width, top + 30 + row * 26
        parts.append(
            marker(category.shape, x, y, "#ffffff")
            + f'<text x="{x + 18}" y="{y + 5:.1f}" font-size="14" fill="{INK}">'
            f"{escape(category.display_name(language))}</text>"
        )
    rows = math.ceil(len(categories) / columns)
    notes_top = top + 30 + rows * 26 + 6
    notes = [
        _("Above the line: positive. On the line (grey band): neutral. Below the line: adverse."),
        _(
            "Colour repeats the position. A bar shows a period; bold numbers matter for the "
            "formulation."
        ),
        _("Numbers match the table of events."),
    ]
    for index, note in enumerate(notes):
        parts.append(
            f'<text x="8" y="{notes_top + index * 22 + 4:.1f}" font-size="14" fill="{INK}">'
            f"{escape(note)}</text>"
        )
    return parts, int(notes_top + len(notes) * 22 + 8)


def svg_data_uri(svg: str) -> str:
    """For <img src="…">: an inline <svg> loses its alternative text in a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
