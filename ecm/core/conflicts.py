"""Edit conflicts (decision 0007), shared by every page that edits a record with a
`version`: the conditional save in the service, and for the conflict page the
values the person typed, pointed at the newest version, and the rows of the table
comparing the other person's saved values with theirs
(`templates/components/conflict.html`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format as format_date

from ecm.audit.models import Verb
from ecm.audit.services import ChildLike, record_event
from ecm.core.access import Actor

EMPTY = "–"


class EditConflict[M: models.Model](Exception):
    """Someone else saved the record after this edit began; `current` is what they saved."""

    def __init__(self, current: M) -> None:
        super().__init__("edit conflict")
        self.current = current


def save_if_unchanged[M: models.Model](
    record: M,
    *,
    actor: Actor,
    child: ChildLike,
    changes: dict[str, Any],
    expected_version: int,
    verb: Verb,
    object_type: str,
    saved: QuerySet[M],
    conflict: type[EditConflict[M]],
) -> None:
    """Saves `changes` to `record` only if nobody else saved it since `expected_version`
    was read (`UPDATE … WHERE pk = … AND version = expected`), with a `verb` event in the
    same transaction. Otherwise saves nothing, records an `edit_conflict` event and
    raises `conflict` with the other person's version, read through `saved`."""
    model = type(record)
    # update() does not fill in auto_now fields itself.
    stamp = (
        {"updated_at": timezone.now()}
        if any(field.name == "updated_at" for field in model._meta.concrete_fields)
        else {}
    )
    with transaction.atomic():
        updated = model._default_manager.filter(pk=record.pk, version=expected_version).update(
            **changes, version=F("version") + 1, **stamp
        )
        if updated:
            record_event(
                actor=actor,
                verb=verb,
                child=child,
                object_type=object_type,
                object_id=record.pk,
                detail={
                    "fields": sorted(n for n, v in changes.items() if getattr(record, n) != v),
                    "version": expected_version + 1,
                },
            )
    if not updated:
        current = saved.get(pk=record.pk)
        current_version: int = current.version  # type: ignore[attr-defined]
        record_event(
            actor=actor,
            verb=Verb.EDIT_CONFLICT,
            child=child,
            object_type=object_type,
            object_id=record.pk,
            detail={"expected_version": expected_version, "current_version": current_version},
        )
        raise conflict(current)


def resubmission(data: QueryDict, version: int) -> QueryDict:
    """Everything the person typed, pointed at the newest version, so that saving again
    is a deliberate choice to replace the other person's changes."""
    values = data.copy()
    values["version"] = str(version)
    return values


@dataclass(frozen=True)
class Difference:
    """One row of the conflict table."""

    label: str
    theirs: str
    yours: str


def differences(
    form: forms.Form,
    current: models.Model,
    names: Iterable[str],
    *,
    date_format: str = "j F Y",
) -> list[Difference]:
    """The fields `names` (in that order) whose value saved in `current` differs from
    the valid `form`'s, labelled and shown as on the form: choices by their label,
    records by their name, dates in the GOV.UK style (`date_format`)."""
    rows = []
    for name in names:
        theirs, yours = getattr(current, name), form.cleaned_data.get(name)
        if theirs != yours:
            field = form.fields[name]
            rows.append(
                Difference(
                    label=str(form[name].label),
                    theirs=_display(field, theirs, date_format),
                    yours=_display(field, yours, date_format),
                )
            )
    return rows


def _display(field: forms.Field, value: Any, date_format: str) -> str:
    if value in (None, "", []):
        return EMPTY
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date):
        return format_date(value, date_format)
    labels = _labels(field)
    if isinstance(value, list):
        return ", ".join(str(labels.get(item, item)) for item in value)
    return str(labels.get(value, value))


def _labels(field: forms.Field) -> dict[Any, Any]:
    """The label of each choice, keyed by the value the form cleans it to."""
    choices = getattr(field, "choices", None) or []
    if isinstance(field, forms.TypedChoiceField):
        return {field.coerce(key): label for key, label in choices if key != ""}
    return dict(choices)
