from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.core.forms import GovUKDateField
from ecm.offending.models import Order
from ecm.organisations.models import PartnerAgency
from ecm.transitions.models import EndReason, TransitionPlan, VoluntaryEngagement
from ecm.transitions.plans import PLAN_FIELDS

LATEST_YEARS = 3


def _text(label: Any, *, required: bool = True, rows: int = 4, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=10000,
        required=required,
        **kwargs,
    )


def _order_label(order: Order) -> str:
    ended = formats.date_format(order.ends_on, "j F Y") if order.ends_on else ""
    return str(
        _("%(type)s, ended %(date)s") % {"type": order.get_order_type_display(), "date": ended}
    )


class VoluntaryStartForm(forms.Form):
    ended_order = forms.ModelChoiceField(
        label=_("Which statutory order ended?"),
        queryset=Order.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select the statutory order that ended")},
    )
    started_on = GovUKDateField(
        label=_("Start of voluntary engagement"),
        help_text=_("On or after the day the order ended, for example 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the start of voluntary engagement")},
    )
    planned_end_on = GovUKDateField(
        label=_("Planned end"),
        help_text=_("When you and the child plan to finish, for example 27 9 2026"),
        error_messages={"required": _("Enter the planned end")},
    )
    what_continues = _text(
        _("What does the child want to carry on with?"),
        help_text=_("In the child's words where you can"),
        error_messages={"required": _("Enter what the child wants to carry on with")},
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, orders: list[Order], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        field = cast(forms.ModelChoiceField, self.fields["ended_order"])  # type: ignore[type-arg]
        field.queryset = Order.objects.filter(pk__in=[o.pk for o in orders])
        field.label_from_instance = _order_label  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        order: Order | None = data.get("ended_order")
        start: date | None = data.get("started_on")
        end: date | None = data.get("planned_end_on")
        if order and start and order.ends_on and start < order.ends_on:
            self.add_error(
                "started_on",
                _("Start of voluntary engagement must be on or after the day the order ended"),
            )
        if start and end and end <= start:
            self.add_error("planned_end_on", _("Planned end must be after the start"))
        elif start and end and end > start + timedelta(days=365 * 2):
            self.add_error("planned_end_on", _("Planned end must be within 2 years of the start"))
        return data


class VoluntaryReviewForm(forms.Form):
    reviewed_on = GovUKDateField(
        label=_("Date of the review"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date of the review")},
    )
    how_it_is_going = _text(
        _("How is it going?"), error_messages={"required": _("Enter how it is going")}
    )
    child_view = _text(_("What does the child say?"), required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, engagement: VoluntaryEngagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engagement = engagement

    def clean_reviewed_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("reviewed_on")
        if day and day < self.engagement.started_on:
            raise forms.ValidationError(
                _("Date of the review must be on or after the start of voluntary engagement")
            )
        return day


class VoluntaryEndForm(forms.Form):
    ended_on = GovUKDateField(
        label=_("End date"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the end date")},
    )
    reason = forms.ChoiceField(
        label=_("Why did it end?"),
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why voluntary engagement ended")},
    )
    note = _text(_("Anything else"), required=False)

    def __init__(self, *args: Any, engagement: VoluntaryEngagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engagement = engagement

    def clean_ended_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("ended_on")
        if day and day < self.engagement.started_on:
            raise forms.ValidationError(
                _("End date must be on or after the start of voluntary engagement")
            )
        return day


class PlanForm(forms.Form):
    views = _text(
        _("The young person's views"),
        help_text=_("What they think about moving to adult probation, in their words"),
        error_messages={"required": _("Enter the young person's views")},
    )
    worries = _text(_("Their worries"), required=False)
    probation_agency = forms.ModelChoiceField(
        label=_("Receiving probation service"),
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label=_("Not a partner agency of the service"),
    )
    practitioner = forms.CharField(
        label=_("Receiving probation practitioner"),
        max_length=200,
        error_messages={"required": _("Enter the receiving probation practitioner")},
    )
    office = forms.CharField(
        label=_("Probation office"),
        max_length=200,
        error_messages={"required": _("Enter the probation office")},
    )
    joint_meeting_on = GovUKDateField(
        label=_("Date of the joint meeting"),
        help_text=_("With the young person, you and the probation practitioner"),
        required=False,
    )
    joint_meeting_notes = _text(_("About the joint meeting"), required=False, rows=3)
    transfer_on = GovUKDateField(
        label=_("Agreed date of the handover"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the agreed date of the handover")},
    )
    what_has_helped = _text(_("What has helped"), required=False)
    shared_summary = _text(
        _("Formulation summary and recommendations the young person agreed to share"),
        help_text=_("Only what the young person has agreed probation may know"),
        required=False,
        rows=6,
    )
    plan_and_risks = _text(_("Current plan and risks"), required=False)
    communication = _text(_("Communication needs and preferences"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, child: Child, agencies: list[PartnerAgency], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["probation_agency"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            pk__in=[a.pk for a in agencies]
        ).order_by("name")

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        latest = timezone.localdate() + timedelta(days=365 * LATEST_YEARS)
        for name in ("joint_meeting_on", "transfer_on"):
            day: date | None = data.get(name)
            if day and day < self.child.date_of_birth:
                self.add_error(name, _("The date must be after the young person's birth"))
            elif day and day > latest:
                self.add_error(name, _("The date must be within 3 years from today"))
        return data

    @classmethod
    def new_initial(cls, child: Child) -> dict[str, Any]:
        return {"communication": child.communication_needs}

    @classmethod
    def initial_for(cls, plan: TransitionPlan) -> dict[str, Any]:
        return {**{name: getattr(plan, name) for name in PLAN_FIELDS}, "version": plan.version}


class StepForm(forms.Form):
    description = forms.CharField(
        label=_("Step"),
        help_text=_("For example, a joint appointment with the probation practitioner"),
        max_length=300,
        error_messages={"required": _("Enter the step")},
    )
    due_on = GovUKDateField(
        label=_("Planned for"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter when the step is planned for")},
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_due_on(self) -> date | None:
        day: date | None = self.cleaned_data.get("due_on")
        if day and day < self.child.date_of_birth:
            raise forms.ValidationError(_("The date must be after the young person's birth"))
        if day and day > timezone.localdate() + timedelta(days=365 * LATEST_YEARS):
            raise forms.ValidationError(_("The date must be within 3 years from today"))
        return day

    @classmethod
    def new_initial(cls) -> dict[str, Any]:
        return {"submission": uuid.uuid4()}


class StepDoneForm(forms.Form):
    done_on = GovUKDateField(
        label=_("Done on"),
        help_text=_("For example, 27 3 2027"),
        past_only=True,
        error_messages={"required": _("Enter the date it was done")},
    )


class TransferReviewForm(forms.Form):
    transferred_on = GovUKDateField(
        label=_("Date of the handover"),
        help_text=_("The day probation took over, for example 27 3 2027"),
        past_only=True,
        error_messages={"required": _("Enter the date of the handover")},
    )
    reviewed_on = GovUKDateField(
        label=_("Date of the review"),
        help_text=_("For example, 27 4 2027"),
        past_only=True,
        error_messages={"required": _("Enter the date of the review")},
    )
    how_it_went = _text(_("How did it go?"), error_messages={"required": _("Enter how it went")})
    young_person_view = _text(_("What does the young person say?"), required=False)
    learning = _text(_("What would the team do differently?"), required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        moved: date | None = data.get("transferred_on")
        reviewed: date | None = data.get("reviewed_on")
        if moved and moved < self.child.date_of_birth:
            self.add_error("transferred_on", _("The date must be after the young person's birth"))
        elif moved and reviewed and reviewed < moved:
            self.add_error("reviewed_on", _("Date of the review must be on or after the handover"))
        return data
