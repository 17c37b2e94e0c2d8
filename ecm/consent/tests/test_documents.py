"""The consent form and the information sheet: real, tagged, bilingual PDFs."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.consent import documents

SignIn = Callable[[User], Client]


def _outline(pdf: pikepdf.Pdf) -> list[str]:
    titles: list[str] = []
    with pdf.open_outline() as outline:
        for item in outline.root:
            titles.append(str(item.title))
            titles += [str(child.title) for child in item.children]
    return titles


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("consent:consent-form", documents.CONSENT_FORM),
        ("consent:information-sheet", documents.INFORMATION_SHEET),
    ],
)
def test_document_is_a_tagged_bilingual_pdf_welsh_first(
    world: World, signed_in: SignIn, name: str, kind: str
) -> None:
    child = world.child(1, legal_first_name="Seren")
    response = signed_in(world.person("psychologist")).get(reverse(name, args=[child.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{kind}.pdf"'
    assert "Seren" not in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"%PDF")
    pdf = pikepdf.open(io.BytesIO(body))
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "cy"
    assert pdf.Root.MarkInfo.Marked
    # One part per language, Welsh first, each headed by the document's title in it.
    titles = _outline(pdf)
    _, title = documents.DOCUMENTS[kind]
    with translation.override("cy"):
        welsh_title = str(title)
    with translation.override("en"):
        english_title = str(title)
    assert titles == ["Cymraeg", welsh_title, "English", english_title]
    fonts = {
        str(font.get("/BaseFont")) for page in pdf.pages for font in page.Resources.Font.values()
    }
    assert fonts
    assert all("Liberation-Sans" in font for font in fonts)
    assert len(pdf.pages) >= 2
    assert AuditEvent.objects.filter(
        verb=Verb.DOWNLOAD_CONSENT_DOCUMENT, child_id=child.pk, detail__page=kind
    ).exists()


@pytest.mark.django_db
def test_documents_name_the_child_the_service_and_every_purpose(world: World) -> None:
    child = world.child(1, legal_first_name="Seren", legal_last_name="Penry")
    html = documents.render_html(documents.CONSENT_FORM, child)
    welsh, english = html.index('lang="cy" data-language-name'), html.index('lang="en" data-')
    assert welsh < english
    assert html.count("Seren Penry") >= 4
    assert html.count("Test Service 1") == 2
    assert html.count("Agency 1") == 2
    for text in (
        "Taking part in Enhanced Case Management",
        "Sharing information with named agencies",
        "Reminders by text message or email",
        "Use of pseudonymised information to evaluate the service",
        "Signature",
        "Parent or carer",
    ):
        assert text in html[english:]
    sheet = documents.render_html(documents.INFORMATION_SHEET, child)
    for text in (
        "A psychologist and the team work out together",
        "You can change your mind at any time",
        "Nothing bad will happen to you",
        "Ask your case manager, Case Manager 1",
    ):
        assert text in sheet


@pytest.mark.django_db
def test_documents_are_for_the_childs_service_only(world: World, signed_in: SignIn) -> None:
    child = world.child(2)
    client = signed_in(world.person("case_manager"))
    assert client.get(reverse("consent:consent-form", args=[child.pk])).status_code == 404
    assert not AuditEvent.objects.filter(verb=Verb.DOWNLOAD_CONSENT_DOCUMENT).exists()


def _section_languages(node: pikepdf.Object) -> list[str]:
    found: list[str] = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Sect" and "/Lang" in node:
            found.append(str(node.Lang))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids else []:
            found += _section_languages(kid)
    return found


@pytest.mark.django_db
def test_each_part_is_tagged_with_its_language(world: World) -> None:
    child = world.child(1)
    pdf = pikepdf.open(io.BytesIO(documents.render_pdf(documents.CONSENT_FORM, child)))
    languages = _section_languages(pdf.Root.StructTreeRoot)
    assert languages[0] == "cy"
    assert languages[-1] == "en"
    assert languages == sorted(languages)  # all Welsh first, then all English
