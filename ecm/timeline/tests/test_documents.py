"""The drawn timeline as a PDF: tagged (PDF/UA-1), in the reader's language, A3
landscape, the drawing an image with its alternative text, then the table of events."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.timeline import documents
from ecm.timeline.management.commands.benchmark_timeline import synthetic_timeline
from ecm.timeline.tests.factories import event

SignIn = Callable[[User], Client]
A3_LANDSCAPE = (1190.55, 841.89)  # points


def _structure(node: object, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append((str(node.S), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []:
            _structure(kid, found)
    return found


def _check(body: bytes, language: str) -> list[tuple[str, str]]:
    assert body.startswith(b"%PDF")
    pdf = pikepdf.open(io.BytesIO(body))
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == language
    for page in pdf.pages:
        _, _, width, height = (float(v) for v in page.MediaBox)
        assert (round(width, 2), round(height, 2)) == A3_LANDSCAPE
    fonts = {
        str(font.get("/BaseFont")) for page in pdf.pages for font in page.Resources.Font.values()
    }
    assert fonts
    assert all("Liberation-Sans" in font for font in fonts)
    return _structure(pdf.Root.StructTreeRoot, [])


@pytest.mark.django_db
def test_the_pdf_is_tagged_a3_landscape_with_the_drawing_described(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, legal_first_name="Seren", date_of_birth=date(2010, 5, 3))
    event(child, title="Grandad died")
    event(
        child,
        title="Joined the rugby club",
        code="positive-activity",
        valence="positive",
        precision="range",
        starts_on=date(2017, 1, 1),
        ends_on=date(2019, 12, 31),
    )
    event(child, title="For the clinical team", visibility="clinical")
    response = signed_in(world.person("case_manager")).get(
        reverse("timeline:pdf", args=[child.pk]), {"valence": "positive"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="life-timeline.pdf"'
    tags = _check(response.content, "en")
    figures = [alt for tag, alt in tags if tag == "/Figure"]
    assert len(figures) == 1
    assert figures[0].startswith("1 event from Seren Testchild's birth on 3 May 2010")
    assert "/Table" in {tag for tag, _ in tags}
    assert "/TH" in {tag for tag, _ in tags}
    audit = AuditEvent.objects.get(verb=Verb.DOWNLOAD_TIMELINE)
    assert audit.detail == {"page": "pdf", "events": 1, "filters": "valence=positive"}


@pytest.mark.django_db
def test_the_pdf_follows_the_readers_language(world: World) -> None:
    child = world.child(1, date_of_birth=date(2010, 5, 3))
    events = [event(child)]
    with translation.override("cy"):
        body = documents.render_pdf(child, events)
        html = documents.render_html(child, events)
    _check(body, "cy")
    assert '<html lang="cy">' in html
    assert "Profedigaeth" in html  # the category's Welsh name


def test_many_events_make_one_drawing_then_a_table_over_several_pages() -> None:
    child, events = synthetic_timeline(120)
    pdf = pikepdf.open(io.BytesIO(documents.render_pdf(child, events)))
    assert len(pdf.pages) > 2
    tags = _structure(pdf.Root.StructTreeRoot, [])
    assert sum(tag == "/Figure" for tag, _ in tags) == 1
    # Each event's row, and the header row repeated on the pages of the table.
    assert 121 < sum(tag == "/TR" for tag, _ in tags) <= 120 + len(pdf.pages)
