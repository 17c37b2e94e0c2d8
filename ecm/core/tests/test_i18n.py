"""Every template string is marked for translation, and every one has Welsh."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.test import Client
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
TEMPLATE_FILES = sorted(
    [
        *ROOT.glob("templates/**/*.html"),
        *ROOT.glob("ecm/*/templates/**/*.html"),
        *ROOT.glob("ecm/*/templates/**/*.txt"),
    ]
)
TRANSLATABLE_ATTRIBUTES = re.compile(r'\b(?:alt|aria-label|title|placeholder)="([^"{]*)"')
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")


def unmarked_text(source: str) -> list[str]:
    """Human words in a template that are outside {% translate %} / {% blocktranslate %}.

    Text tokens are scanned character by character, remembering across template
    tags whether we are inside an HTML tag, where only some attributes hold words.
    """
    found: list[str] = []
    inside_block = 0
    in_tag = False
    outside: list[str] = []
    tag_text: list[str] = []
    for token in Lexer(SCRIPT.sub("", source)).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans"}:
                inside_block += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside_block -= 1
            continue
        if token.token_type != TokenType.TEXT:
            continue
        for char in token.contents:
            if char == "<":
                in_tag = True
                outside.append(" ")
            elif char == ">" and in_tag:
                in_tag = False
                found += [
                    v
                    for v in TRANSLATABLE_ATTRIBUTES.findall("".join(tag_text))
                    if re.search(r"[A-Za-z]", v)
                ]
                tag_text = []
            elif in_tag:
                tag_text.append(char)
            elif not inside_block:
                outside.append(char)
        outside.append(" ")
    words = ENTITY.sub("", "".join(outside))
    found += [w for w in words.split() if re.search(r"[A-Za-z]{2,}", w)]
    return found


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATE_FILES) > 30


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_strings_are_marked_for_translation(path: Path) -> None:
    assert unmarked_text(path.read_text()) == []


def test_the_check_catches_unmarked_text() -> None:
    assert unmarked_text('<p class="x">Hello there</p>') == ["Hello", "there"]
    assert unmarked_text('<img alt="A chart">') == ["A chart"]
    assert unmarked_text("<p>{% translate 'Hello' %} · {{ name }}</p>") == []


def test_every_message_has_a_welsh_translation(tmp_path: Path) -> None:
    """Extracts messages afresh from a copy of the code, so a new string without
    Welsh fails here even if nobody ran `make messages`."""
    for part in ("ecm", "templates", "locale"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cy", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    catalogue = tmp_path / "locale/cy/LC_MESSAGES/django.po"
    po = polib.pofile(str(catalogue))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"No Welsh for: {untranslated[:20]}"
    assert fuzzy == [], f"Welsh needs checking (fuzzy) for: {fuzzy[:20]}"
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalogue)], check=True)


@pytest.mark.django_db
def test_pages_are_in_welsh_when_chosen() -> None:
    client = Client()
    response = client.get(reverse("core:language", args=["cy"]) + "?next=/sign-in/")
    assert response["Location"] == "/sign-in/"
    page = client.get(reverse("accounts:sign-in")).content.decode()
    assert '<html lang="cy"' in page
    assert "Mewngofnodi" in page
    assert 'hreflang="en"' in page


@pytest.mark.django_db
def test_language_switch_refuses_other_sites() -> None:
    response = Client().get(reverse("core:language", args=["cy"]) + "?next=https://evil.example/")
    assert response["Location"] == "/"
