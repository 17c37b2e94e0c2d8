"""Small helpers for the case notes tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from ecm.accounts.models import User
from ecm.casenotes.models import CaseNote, NoteVersion
from ecm.children.models import Child


def note(
    child: Child, author: User | None = None, *, final: bool = True, **fields: Any
) -> CaseNote:
    values: dict[str, Any] = {
        "kind": "contact",
        "noted_on": date(2026, 10, 1),
        "title": "Met at the youth centre",
        "text": "Talked about football and the week at college.",
        "visibility": "everyone",
        "state": "final" if final else "draft",
        "finalised_at": timezone.now() if final else None,
    }
    values.update(fields)
    author = author or child.case_manager
    assert author is not None
    created = CaseNote.objects.create(child=child, author=author, **values)
    NoteVersion.objects.create(
        note=created,
        number=1,
        saved_by=created.author,
        kind=created.kind,
        noted_on=created.noted_on,
        title=created.title,
        text=created.text,
        visibility=created.visibility,
        state=created.state,
    )
    return created


def note_post(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": "contact",
        "noted_on_day": "3",
        "noted_on_month": "10",
        "noted_on_year": "2026",
        "title": "Session at the youth centre",
        "text": "Talked about the week and what helps.",
        "visibility": "everyone",
        "save_as": "final",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}
