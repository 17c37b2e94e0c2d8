from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.core import access
from ecm.core.forms import GovUKDateField
from ecm.offending.models import (
    SERIOUSNESS_MAX,
    SERIOUSNESS_MIN,
    OffenceCategory,
    Order,
    OrderType,
    Outcome,
    Requirement,
)
from ecm.organisations.models import Membership

SERIOUSNESS_MESSAGE = _("Seriousness score must be a whole number from 1 to 8")


class OffenceForm(forms.Form):
    offence_date = GovUKDateField(
        label=_("Date of the offence"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date of the offence")},
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=300,
        error_messages={
            "required": _("Enter what happened"),
            "max_length": _("What happened must be 300 characters or fewer"),
        },
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("Select a category")), *OffenceCategory.choices],
        error_messages={"required": _("Select the category of the offence")},
    )
    seriousness = forms.IntegerField(
        label=_("Seriousness score"),
        help_text=_("From 1 (least serious) to 8 (most serious), as in the YJB's case-level data"),
        min_value=SERIOUSNESS_MIN,
        max_value=SERIOUSNESS_MAX,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the seriousness score"),
            "invalid": SERIOUSNESS_MESSAGE,
            "min_value": SERIOUSNESS_MESSAGE,
            "max_value": SERIOUSNESS_MESSAGE,
        },
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Select an outcome")), *Outcome.choices],
        error_messages={"required": _("Select the outcome")},
    )
    proven_on = GovUKDateField(
        label=_("Date proven"),
        help_text=_("The date of the caution or conviction. Leave empty if it is not proven."),
        past_only=True,
        required=False,
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        committed: date | None = data.get("offence_date")
        proven: date | None = data.get("proven_on")
        if committed and committed < self.child.date_of_birth:
            self.add_error(
                "offence_date",
                _("Date of the offence must be on or after the child's date of birth"),
            )
        if committed and proven and proven < committed:
            self.add_error(
                "proven_on", _("Date proven must be on or after the date of the offence")
            )
        return data


class BaseOffenceRows(forms.BaseFormSet):  # type: ignore[type-arg]
    """Blank rows are ignored; at least one row must be filled in."""

    def clean(self) -> None:
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Enter at least one offence"))

    def filled(self) -> list[dict[str, Any]]:
        return [form.cleaned_data for form in self.forms if form.has_changed()]


OffenceRows = cast(
    type[BaseOffenceRows],
    forms.formset_factory(
        OffenceForm, formset=BaseOffenceRows, extra=5, max_num=5, validate_max=True
    ),
)


class OrderForm(forms.Form):
    order_type = forms.ChoiceField(
        label=_("Type of order or out-of-court disposal"),
        choices=OrderType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of order or out-of-court disposal")},
    )
    start_date = GovUKDateField(
        label=_("Start date"),
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the start date")},
    )
    expected_end_date = GovUKDateField(
        label=_("Expected end date"), help_text=_("When it is due to end"), required=False
    )
    end_date = GovUKDateField(
        label=_("Actual end date"),
        help_text=_("Only once it has ended, for example completed early or revoked"),
        past_only=True,
        required=False,
    )
    requirements = forms.MultipleChoiceField(
        label=_("Requirements"),
        help_text=_("For a youth rehabilitation order only"),
        choices=Requirement.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    responsible_officer = forms.ModelChoiceField(
        label=_("Responsible officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Not recorded"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        officers = Membership.objects.filter(
            service_id=child.service_id, role__in=access.CHILD_RECORD_EDITORS, is_active=True
        ).values("user_id")
        field = self.fields["responsible_officer"]
        field.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=officers, is_active=True
        ).order_by("full_name")
        field.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start: date | None = data.get("start_date")
        if start and start < self.child.date_of_birth:
            self.add_error(
                "start_date", _("Start date must be on or after the child's date of birth")
            )
        for name, message in (
            ("expected_end_date", _("Expected end date must be on or after the start date")),
            ("end_date", _("Actual end date must be on or after the start date")),
        ):
            if start and data.get(name) and data[name] < start:
                self.add_error(name, message)
        if data.get("requirements") and data.get("order_type") != (
            OrderType.YOUTH_REHABILITATION_ORDER
        ):
            self.add_error(
                "requirements",
                _(
                    "Only a youth rehabilitation order has requirements: untick them, "
                    "or choose youth rehabilitation order"
                ),
            )
        return data

    @classmethod
    def initial_for(cls, order: Order) -> dict[str, Any]:
        return {
            "order_type": order.order_type,
            "start_date": order.start_date,
            "expected_end_date": order.expected_end_date,
            "end_date": order.end_date,
            "requirements": list(order.requirements),
            "responsible_officer": order.responsible_officer,
            "version": order.version,
        }
