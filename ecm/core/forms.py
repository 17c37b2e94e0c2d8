"""Form pieces shared by every app: the GOV.UK date input and its validation, and the
yes/no question."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no_field(
    label: _StrOrPromise, *, required: _StrOrPromise, help_text: _StrOrPromise = ""
) -> forms.TypedChoiceField:
    """A required yes/no question as GOV.UK radios, cleaned to True or False; its initial
    value is "yes" or "no". `required` is the message when neither is chosen."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": required},
    )


class DateInputWidget(forms.MultiWidget):
    """Day, month and year as three inputs, as the GOV.UK date input pattern asks."""

    template_name = "components/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            "month": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "year": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovUKDateField(forms.MultiValueField):
    """A date entered as day, month and year, with the GOV.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, past_only: bool = False, **kwargs: Any) -> None:
        self.past_only = past_only
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        label = str(self.label or _("The date"))
        for part, message in (
            (day, _("%(label)s must include a day")),
            (month, _("%(label)s must include a month")),
            (year, _("%(label)s must include a year")),
        ):
            if not part:
                raise forms.ValidationError(message % {"label": label})
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(_("%(label)s must be a real date") % {"label": label})
        try:
            value = date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(
                _("%(label)s must be a real date") % {"label": label}
            ) from error
        if self.past_only and value > timezone.localdate():
            raise forms.ValidationError(
                _("%(label)s must be today or in the past") % {"label": label}
            )
        return value
