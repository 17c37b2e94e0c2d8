"""The drawn timeline: valid SVG with role="img", a title and a description; positive
events above the band, neutral on it, adverse below; shapes and a key in words."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from django.utils import timezone, translation

from ecm.children.models import Child
from ecm.timeline import drawing
from ecm.timeline.models import EventCategory, TimelineEvent

SVG = "{http://www.w3.org/2000/svg}"


def _child() -> Child:
    return Child(
        pk=7, legal_first_name="Seren", legal_last_name="Penry", date_of_birth=date(2010, 5, 3)
    )


def _category(code: str, shape: str, name: str = "", name_cy: str = "") -> EventCategory:
    return EventCategory(
        pk=hash(code) % 1000,
        code=code,
        name=name or code,
        name_cy=name_cy,
        shape=shape,
        sort_order=1,
    )


def _event(
    title: str, valence: str, category: EventCategory, starts: date, **fields: object
) -> TimelineEvent:
    values: dict[str, object] = {"precision": "exact", "ends_on": None, "significant": False}
    values.update(fields)
    return TimelineEvent(
        title=title, valence=valence, category=category, starts_on=starts, **values
    )


def _groups(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.find(f"{SVG}title").text or "": g for g in root.iter(f"{SVG}g")}  # type: ignore[union-attr]


def _y(group: ET.Element) -> float:
    text = group.find(f"{SVG}text")
    assert text is not None
    return float(text.attrib["y"])


def test_positive_above_neutral_on_adverse_below_the_line() -> None:
    star, triangle, square = (
        _category("achievement", "star", "Achievement"),
        _category("physical-abuse", "triangle", "Physical abuse"),
        _category("home-move", "square", "Move of home"),
    )
    events = [
        _event("Won a <prize> & a cup", "positive", star, date(2016, 6, 1), significant=True),
        _event("Moved house", "neutral", square, date(2016, 6, 2)),
        _event("Hit by a partner", "adverse", triangle, date(2016, 6, 3)),
        _event(
            "In foster care",
            "adverse",
            triangle,
            date(2017, 1, 1),
            precision="range",
            ends_on=date(2018, 6, 30),
        ),
    ]
    svg = drawing.timeline_svg(_child(), events)
    root = ET.fromstring(svg)  # well formed, whatever the titles hold
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "timeline-title-7 timeline-desc-7"
    assert root.find(f"{SVG}title").text == "Life timeline of Seren Penry"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert desc.startswith("4 events from Seren Penry's birth on 3 May 2010")
    assert (
        "Above the line, positive: 1. On the line, neutral: 1. Below the line, adverse: 2." in desc
    )
    groups = _groups(svg)
    band = next(r for r in root.iter(f"{SVG}rect") if r.attrib.get("fill") == "#f3f2f1")
    top, bottom = float(band.attrib["y"]), float(band.attrib["y"]) + float(band.attrib["height"])
    assert _y(groups["1. Won a <prize> & a cup"]) < top
    assert top < _y(groups["2. Moved house"]) < bottom
    assert _y(groups["3. Hit by a partner"]) > bottom
    # Shapes tell the categories apart, and a period is drawn as a bar.
    assert groups["1. Won a <prize> & a cup"].find(f"{SVG}path") is not None
    assert groups["4. In foster care"].find(f"{SVG}line") is not None
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Achievement", "Physical abuse", "Move of home", "Key"} <= set(texts)
    assert "Numbers match the table of events." in texts
    significant = groups["1. Won a <prize> & a cup"].find(f"{SVG}text")
    assert significant is not None
    assert significant.attrib["font-weight"] == "bold"


def test_age_runs_along_the_axis_to_today() -> None:
    child = _child()
    svg = drawing.timeline_svg(child, [])
    today = timezone.localdate()
    ages = [
        int(t.text or "")
        for t in ET.fromstring(svg).iter(f"{SVG}text")
        if (t.text or "").isdigit() and len(t.text or "") <= 2
    ]
    assert ages[0] == 0
    assert ages[-1] == child.age_on(today) + 1
    assert "Today" in svg


def test_overlapping_events_go_in_separate_lanes() -> None:
    triangle = _category("physical-abuse", "triangle")
    day = date(2015, 1, 1)
    events = [_event(f"Event {n}", "adverse", triangle, day + timedelta(days=n)) for n in range(6)]
    ys = {_y(g) for g in _groups(drawing.timeline_svg(_child(), events)).values()}
    assert len(ys) == 6


def test_the_key_is_in_welsh_for_a_welsh_reader() -> None:
    category = _category("bereavement", "hexagon", "Bereavement", "Profedigaeth")
    with translation.override("cy"):
        svg = drawing.timeline_svg(
            _child(), [_event("Nain died", "adverse", category, date(2019, 2, 1))]
        )
    assert "Profedigaeth" in svg
    assert "Bereavement" not in svg


def test_the_data_uri_holds_the_svg() -> None:
    svg = drawing.timeline_svg(_child(), [])
    uri = drawing.svg_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode() == svg
    assert not re.search(r"\sstyle=", svg)  # no inline styles: the pages' CSP refuses them
