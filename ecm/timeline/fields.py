"""Form fields for "when": a date whose day, or day and month, may be left out, and an
age in years; each one of several ways of answering (see forms.EventForm)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.core.forms import DateInputWidget
from ecm.timeline import when as periods
from ecm.timeline.when import Partial, WhenError


class PartialDateWidget(DateInputWidget):
    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, Partial):
            return [value.day, value.month, value.year]
        return super().decompress(value)


class PartialDateField(forms.MultiValueField):
    """Day, month and year, where the day, or the day and the month, may be left empty.

    One of several ways of answering (`one_of`): shown as needed, without "(optional)",
    but left empty here; the form checks that one of the ways was used."""

    widget = PartialDateWidget

    def __init__(self, *, one_of: bool = False, **kwargs: Any) -> None:
        self.one_of = one_of
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=fields, require_all_fields=False, required=one_of, **kwargs)

    def clean(self, value: Any) -> Partial | None:
        if self.one_of and not any(str(part or "").strip() for part in value or []):
            return None
        result: Partial | None = super().clean(value)
        return result

    def compress(self, data_list: list[str]) -> Partial | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        label = {"label": str(self.label)}
        if not year:
            raise forms.ValidationError(_("%(label)s must include a year") % label)
        if day and not month:
            raise forms.ValidationError(_("%(label)s must include a month if it has a day") % label)
        if not all(part.isdigit() for part in (day, month, year) if part):
            raise forms.ValidationError(_("%(label)s must be a real date") % label)
        if len(year) != 4:
            raise forms.ValidationError(_("%(label)s must have a year of 4 numbers") % label)
        try:
            return periods.partial(
                int(year), int(month) if month else None, int(day) if day else None
            )
        except WhenError as error:
            raise forms.ValidationError(_("%(label)s must be a real date") % label) from error


class AgeField(forms.IntegerField):
    """An age in whole years, one of several ways of answering (see PartialDateField)."""

    def clean(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        result: int | None = super().clean(value)
        return result
