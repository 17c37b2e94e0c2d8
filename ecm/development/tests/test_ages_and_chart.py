"""Ages in months, how they are said, and the chart drawn from a mapping."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ecm.conftest import World
from ecm.development import charts, queries
from ecm.development.ages import age_text, change_text, comparison_text, months_old
from ecm.development.tests.factories import mapping

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [
        (date(2012, 4, 4), date(2026, 4, 4), 168),
        (date(2012, 4, 4), date(2026, 4, 3), 167),
        (date(2012, 1, 31), date(2012, 2, 29), 0),
        (date(2012, 1, 31), date(2012, 3, 31), 2),
        (date(2012, 4, 4), date(2012, 4, 4), 0),
    ],
)
def test_months_old(born: date, on: date, months: int) -> None:
    assert months_old(born, on) == months


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=9000),
)
def test_months_old_never_goes_backwards(born: date, days: int) -> None:
    on = born + timedelta(days=days)
    assert 0 <= months_old(born, on) <= months_old(born, on + timedelta(days=31))


def test_how_ages_are_said() -> None:
    assert age_text(114) == "9 years 6 months"
    assert age_text(120) == "10 years"
    assert age_text(13) == "1 year 1 month"
    assert age_text(5) == "5 months"
    assert (
        comparison_text(114, 164)
        == "functioning around 9 years 6 months; 4 years 2 months below their age"
    )
    assert comparison_text(164, 164) == "functioning around 13 years 8 months, which is their age"
    assert change_text(114, 122) == "up 8 months"
    assert change_text(122, 114) == "down 8 months"
    assert change_text(114, 114) == "no change"


def _chart(world: World) -> tuple[ET.Element, str, str]:
    child = world.child(1, date_of_birth=date(2012, 10, 1))
    mapping(child, date(2026, 6, 1), emotional=(9, 6), communication=(12, 0))
    latest = queries.latest_mapping(child)
    assert latest is not None
    svg = charts.development_svg(latest, queries.age_on_mapping(latest))
    return ET.fromstring(svg), svg, charts.development_alt(latest, 164)


@pytest.mark.django_db
def test_the_chart_is_accessible_and_not_colour_only(world: World) -> None:
    root, svg, alt = _chart(world)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Developmental mapping, 1 June 2026"  # type: ignore[union-attr]
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert desc == alt
    assert "Their age on 1 June 2026: 13 years 8 months" in desc
    assert "Emotional: functioning around 9 years 6 months; 4 years 2 months below" in desc
    assert "Speech, language and communication: functioning around 12 years" in desc
    # Hatched gap, dashed line for their age, and every value written in the picture.
    assert 'fill="url(#gap)"' in svg
    assert 'stroke-dasharray="6 4"' in svg
    assert "4 years 2 months below their age" in "".join(root.itertext())
    assert "Social" not in "".join(root.itertext())  # not estimated: not drawn


@pytest.mark.django_db
def test_the_chart_is_in_the_readers_language_and_escaped(world: World) -> None:
    child = world.child(1, date_of_birth=date(2012, 10, 1))
    made = mapping(child, date(2026, 6, 1), social=(8, 0))
    made.estimates.update(source="<script>")
    latest = queries.latest_mapping(child)
    assert latest is not None
    with translation.override("cy"):
        chart = charts.development_chart(latest, 164)
    assert chart.data_uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(chart.data_uri.split(",", 1)[1]).decode()
    ET.fromstring(svg)  # well-formed
    assert "<script>" not in svg
