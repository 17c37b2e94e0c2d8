from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecm.children.models import Child
from ecm.core.forms import GovUKDateField
from ecm.development import ages
from ecm.development.models import Domain
from ecm.development.services import Estimate

PARTS = ("years", "months", "evidence", "source")


class NeededIfEstimated(forms.CharField):
    """Evidence and source: needed for every domain estimated, so not labelled
    "(optional)"; the form's clean() asks for them when the domain is filled in."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        if value not in self.empty_values:
            super().validate(value)


@dataclass(frozen=True)
class DomainFields:
    domain: str
    label: str
    years: BoundField
    months: BoundField
    evidence: BoundField
    source: BoundField

    @property
    def age_parts(self) -> tuple[BoundField, BoundField]:
        return (self.years, self.months)

    @property
    def age_errors(self) -> list[str]:
        return [*self.years.errors, *self.months.errors]


class MappingForm(forms.Form):
    """A date, then for each domain the team estimates: the age at which the child is
    functioning (years and months), the evidence and where it comes from. Domains left
    empty are not estimated this time; at least one must be."""

    # Nothing is required of every domain: no "required" attribute on the inputs.
    use_required_attribute = False

    mapped_on = GovUKDateField(
        label=gettext_lazy("Date of the mapping"),
        help_text=gettext_lazy("The date the team made these estimates, for example 27 3 2026"),
        past_only=True,
        error_messages={"required": gettext_lazy("Enter the date of the mapping")},
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        help_text=gettext_lazy(
            "Anything that helps to read the mapping, for example who took part"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        for domain, label in Domain.choices:
            named = {"domain": label}
            whole_years = _("%(domain)s: years must be a whole number, like 9") % named
            months = _("%(domain)s: months must be a whole number from 0 to 11") % named
            self.fields[f"{domain}_years"] = forms.IntegerField(
                label=gettext_lazy("Years"),
                min_value=0,
                max_value=25,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "invalid": whole_years,
                    "min_value": whole_years,
                    "max_value": whole_years,
                },
            )
            self.fields[f"{domain}_months"] = forms.IntegerField(
                label=gettext_lazy("Months"),
                min_value=0,
                max_value=11,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                error_messages={"invalid": months, "min_value": months, "max_value": months},
            )
            self.fields[f"{domain}_evidence"] = NeededIfEstimated(
                label=gettext_lazy("Evidence"),
                help_text=gettext_lazy(
                    "What the team has seen or been told, for example how they manage "
                    "at school or the results of an assessment"
                ),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"{domain}_source"] = NeededIfEstimated(
                label=gettext_lazy("Source"),
                help_text=gettext_lazy(
                    "Who assessed it, and when, for example speech and language "
                    "therapist's assessment, June 2026"
                ),
                max_length=200,
                error_messages={
                    "max_length": _("%(domain)s: the source must be 200 characters or fewer")
                    % named
                },
            )
        self.order_fields(
            ["mapped_on", *(f"{d}_{part}" for d in Domain.values for part in PARTS), "notes"]
        )

    def domains(self) -> list[DomainFields]:
        return [
            DomainFields(domain, str(label), *(self[f"{domain}_{part}"] for part in PARTS))
            for domain, label in Domain.choices
        ]

    def _started(self, domain: str) -> bool:
        """Something was typed for this domain (even if it was not valid)."""
        return any(str(self.data.get(f"{domain}_{part}", "")).strip() for part in PARTS)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        mapped_on = data.get("mapped_on")
        if mapped_on and mapped_on < self.child.date_of_birth:
            self.add_error(
                "mapped_on", _("Date of the mapping must be on or after the child's date of birth")
            )
            mapped_on = None
        started = [domain for domain in Domain.values if self._started(domain)]
        if not started:
            self.add_error(
                f"{Domain.values[0]}_years", _("Estimate the age for at least one domain")
            )
        age = ages.months_old(self.child.date_of_birth, mapped_on) if mapped_on else None
        for domain in started:
            self._clean_domain(data, domain, age)
        return data

    def _clean_domain(self, data: dict[str, Any], domain: str, age: int | None) -> None:
        named = {"domain": Domain(domain).label}
        years, months = data.get(f"{domain}_years"), data.get(f"{domain}_months")
        if years is None and f"{domain}_years" not in self.errors:
            self.add_error(
                f"{domain}_years",
                _("%(domain)s: enter the age in years at which they are functioning") % named,
            )
        elif years is not None and age is not None and years * 12 + (months or 0) > age:
            self.add_error(
                f"{domain}_years",
                _(
                    "%(domain)s: the functioning age cannot be more than the child's age "
                    "on the mapping date, %(age)s"
                )
                % {**named, "age": ages.age_text(age)},
            )
        if not (data.get(f"{domain}_evidence") or "").strip():
            self.add_error(
                f"{domain}_evidence", _("%(domain)s: enter the evidence for the estimate") % named
            )
        if not (data.get(f"{domain}_source") or "").strip():
            self.add_error(
                f"{domain}_source", _("%(domain)s: enter who assessed it, and when") % named
            )

    def estimates(self) -> list[Estimate]:
        data = self.cleaned_data
        return [
            Estimate(
                domain=domain,
                years=data[f"{domain}_years"],
                months=data.get(f"{domain}_months") or 0,
                evidence=data[f"{domain}_evidence"],
                source=data[f"{domain}_source"],
            )
            for domain in Domain.values
            if self._started(domain)
        ]

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        return {"submission": uuid.uuid4()}
