"""PNG drawings for the .docx copy (Word does not take the SVG the pages use): the
child's tier over time as steps, and the picked timeline events as numbered markers
along the child's years. Numbers are written on the drawings; nothing relies on
colour, and the text alternative is set on the picture in the document."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ecm.timeline.models import TimelineEvent
from ecm.trm.models import TierAssessment

FONTS = (
    Path("/usr/share/fonts/truetype/msttcorefonts/Arial.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
INK, BLUE, GREY, WHITE = (11, 12, 12), (29, 112, 184), (177, 180, 182), (255, 255, 255)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def tier_png(oldest_first: list[TierAssessment], today: date) -> bytes:
    width, height, left, right, top, bottom = 1280, 600, 120, 60, 40, 90
    image = Image.new("RGB", (width, height), WHITE)
    pen = ImageDraw.Draw(image)
    font = _font(26)
    first = oldest_first[0].assessed_on
    last = max(today, oldest_first[-1].assessed_on)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return left + (width - left - right) * (day - first).days / span

    def y(number: int) -> float:
        return top + (height - top - bottom) * (6 - number) / 6

    for number in range(7):
        pen.line([(left, y(number)), (width - right, y(number))], fill=GREY, width=2)
        pen.text((left - 40, y(number) - 14), str(number), fill=INK, font=font)
    points: list[tuple[float, float]] = []
    for index, item in enumerate(oldest_first):
        end = oldest_first[index + 1].assessed_on if index + 1 < len(oldest_first) else last
        level = y(item.tier.number)
        points += [(x(item.assessed_on), level), (x(end), level)]
    pen.line(points, fill=BLUE, width=8)
    for item in oldest_first:
        cx, cy = x(item.assessed_on), y(item.tier.number)
        pen.ellipse([cx - 12, cy - 12, cx + 12, cy + 12], fill=WHITE, outline=INK, width=5)
        pen.text((cx + 16, cy - 44), str(item.tier.number), fill=INK, font=font)
    pen.text((left, height - bottom + 30), f"{first:%d/%m/%Y}", fill=INK, font=font)
    pen.text((width - right - 150, height - bottom + 30), f"{last:%d/%m/%Y}", fill=INK, font=font)
    return _png(image)


def timeline_png(born: date, events: list[TimelineEvent], today: date) -> bytes:
    width, height, left, right = 1280, 360, 60, 60
    image = Image.new("RGB", (width, height), WHITE)
    pen = ImageDraw.Draw(image)
    font = _font(24)
    span = max((today - born).days, 1)
    axis = height // 2
    pen.line([(left, axis), (width - right, axis)], fill=INK, width=4)
    years = span // 365
    for year in range(0, years + 1, max(1, years // 10 or 1)):
        tx = left + (width - left - right) * year * 365.25 / span
        pen.line([(tx, axis - 10), (tx, axis + 10)], fill=INK, width=2)
        pen.text((tx - 8, axis + 16), str(year), fill=INK, font=font)
    for number, event in enumerate(events, start=1):
        ex = left + (width - left - right) * max(0, (event.starts_on - born).days) / span
        above = event.valence == "positive"
        lane = (number % 3) * 34
        ey = axis - 50 - lane if above else axis + 60 + lane
        pen.line([(ex, axis), (ex, ey)], fill=GREY, width=2)
        pen.ellipse([ex - 14, ey - 14, ex + 14, ey + 14], fill=WHITE, outline=INK, width=3)
        pen.text((ex - 7 * len(str(number)), ey - 12), str(number), fill=INK, font=font)
    return _png(image)
