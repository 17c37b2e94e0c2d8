"""The form for a service's own intervention type."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ecm.development.models import Domain
from ecm.interventions.models import InterventionType
from ecm.organisations.models import Service
from ecm.trm.models import Tier


class InterventionForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        error_messages={
            "required": _("Enter the name"),
            "max_length": _("Name must be 150 characters or fewer"),
        },
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh"),
        max_length=150,
        error_messages={
            "required": _("Enter the name in Welsh"),
            "max_length": _("Name in Welsh must be 150 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Description must be 2000 characters or fewer")},
    )
    description_cy = forms.CharField(
        label=_("Description in Welsh"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Description in Welsh must be 2000 characters or fewer")},
    )
    lowest_tier = forms.ModelChoiceField(
        label=_("Lowest suitable tier"),
        help_text=_("The lowest Trauma Recovery Model tier at which this work fits"),
        queryset=Tier.objects.order_by("number"),
        empty_label=None,
        error_messages={
            "required": _("Choose the lowest suitable tier"),
            "invalid_choice": _("Choose one of the tiers listed"),
        },
    )
    needs_domain = forms.ChoiceField(
        label=_("Area of development it needs (optional)"),
        choices=[("", _("None")), *list(Domain.choices)],
        required=False,
    )
    needs_age_years = forms.IntegerField(
        label=_("Functioning age it needs, in years (optional)"),
        required=False,
        min_value=1,
        max_value=25,
        error_messages={
            "invalid": _("Functioning age must be a whole number of years"),
            "min_value": _("Functioning age must be 1 year or more"),
            "max_value": _("Functioning age must be 25 years or fewer"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, service: Service, editing: InterventionType | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.service = service
        self.editing = editing

    @staticmethod
    def initial_for(intervention: InterventionType) -> dict[str, Any]:
        months = intervention.needs_age_months
        return {
            "name": intervention.name,
            "name_cy": intervention.name_cy,
            "description": intervention.description,
            "description_cy": intervention.description_cy,
            "lowest_tier": intervention.lowest_tier_id,
            "needs_domain": intervention.needs_domain,
            "needs_age_years": months // 12 if months is not None else None,
            "version": intervention.version,
        }

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("needs_age_years") and not data.get("needs_domain"):
            self.add_error(
                "needs_domain", _("Choose the area of development the functioning age is for")
            )
        name = data.get("name")
        if name and self.editing is None:
            code = slugify(name)[:50] or "intervention"
            taken = InterventionType.objects.filter(code=code, service=self.service).exists()
            if taken:
                self.add_error("name", _("Your service already has an intervention with this name"))
            data["code"] = code
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        years = data.get("needs_age_years")
        return {
            "name": data["name"],
            "name_cy": data["name_cy"],
            "description": data["description"],
            "description_cy": data["description_cy"],
            "lowest_tier": data["lowest_tier"],
            "needs_domain": data["needs_domain"] or "",
            "needs_age_months": years * 12 if years else None,
        }
