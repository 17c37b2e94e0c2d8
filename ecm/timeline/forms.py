"""The event form (one event, with the "when" entered as a date, an age or a period)
and the rows of the several-events form (the "when" typed, for example "2015 to 2017")."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ecm.children.models import Child
from ecm.organisations.models import PartnerAgency
from ecm.timeline import when as periods
from ecm.timeline.fields import AgeField, PartialDateField
from ecm.timeline.models import (
    CategoryGroup,
    Certainty,
    EventCategory,
    SourceKind,
    TimelineEvent,
    Valence,
    Visibility,
)
from ecm.timeline.services import EventInput
from ecm.timeline.when import When, WhenError

# The three ways of giving "when" on the event form, and the fields of each.
WHEN_FIELDS = {"date": ("on",), "age": ("age",), "range": ("period_from", "period_to")}
TITLE_ERRORS = {
    "required": _("Enter what happened"),
    "max_length": _("What happened must be 150 characters or fewer"),
}


def category_choices(categories: list[EventCategory], current: EventCategory | None) -> list[Any]:
    """Offered categories grouped as in the admin, in the reader's language; an event's
    retired category stays available while it is being changed."""
    language = get_language() or "en"
    groups: dict[str, list[tuple[str, str]]] = {}
    for category in categories:
        if category.is_active or category == current:
            groups.setdefault(category.group, []).append(
                (category.code, category.display_name(language))
            )
    labels = dict(CategoryGroup.choices)
    return [("", _("Select a category"))] + [
        (str(labels[group]), options) for group, options in groups.items()
    ]


def source_choices(agencies: list[PartnerAgency]) -> list[tuple[str, Any]]:
    return [
        ("yjs", _("The youth justice service")),
        *((f"agency-{agency.pk}", agency.name) for agency in agencies),
        ("family", _("The family")),
        ("child", _("The child")),
    ]


def source_value(event: TimelineEvent) -> str:
    if event.source_kind != SourceKind.AGENCY:
        return str(event.source_kind)
    return f"agency-{event.source_agency_id}" if event.source_agency_id else "yjs"


class _EventFields(forms.Form):
    """What both forms share: the choices of this child's service and the clean-up."""

    def __init__(
        self,
        *args: Any,
        child: Child,
        categories: list[EventCategory],
        agencies: list[PartnerAgency],
        partner: bool,
        today: date,
        current: EventCategory | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.child, self.today, self.partner = child, today, partner
        self.categories = {c.code: c for c in categories}
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = category_choices(categories, current)
        if partner:
            # A partner agency's events are theirs, and for everyone working with the child.
            del self.fields["source"]
            del self.fields["visibility"]
        else:
            source = cast(forms.ChoiceField, self.fields["source"])
            source.choices = source_choices(agencies)

    def entry(self, when: When) -> EventInput:
        data = self.cleaned_data
        return EventInput(
            title=data["title"],
            when=when,
            category=self.categories[data["category"]],
            certainty=data["certainty"],
            description=data.get("description", ""),
            valence=data.get("valence", ""),
            source=data.get("source", "yjs"),
            visibility=data.get("visibility") or Visibility.EVERYONE,
            significant=bool(data.get("significant")),
        )


class EventForm(_EventFields):
    # Only one of the ways of giving "when" is needed: no `required` in the page.
    use_required_attribute = False

    title = forms.CharField(
        label=_("What happened"),
        help_text=_("A short title, for example: Moved to live with grandparents"),
        max_length=150,
        error_messages=TITLE_ERRORS,
    )
    on = PartialDateField(
        one_of=True,
        label=_("Date"),
        help_text=_(
            "For example, 27 3 2015. Leave the day empty if you know only the month, and the "
            "day and month if you know only the year."
        ),
    )
    age = AgeField(
        label=_("Age in years"),
        help_text=_("For example, 7"),
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Age must be a whole number, like 7"),
            "min_value": _("Age must be a whole number, like 7"),
        },
    )
    period_from = PartialDateField(
        one_of=True, label=_("Period from"), help_text=_("For example, 2015, or 9 2015")
    )
    period_to = PartialDateField(
        one_of=True, label=_("Period to"), help_text=_("For example, 2017, or 7 2017")
    )
    category = forms.ChoiceField(
        label=_("Category"), error_messages={"required": _("Select a category")}
    )
    valence = forms.ChoiceField(
        label=_("Was it adverse, positive or neutral for the child?"),
        help_text=_(
            "Leave this if the category's usual one is right (for example, adverse "
            "for a bereavement)"
        ),
        choices=Valence.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Who told us"), error_messages={"required": _("Select who told us")}
    )
    certainty = forms.ChoiceField(
        label=_("How sure are we?"),
        choices=Certainty.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how sure we are")},
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who may see it")},
    )
    significant = forms.BooleanField(label=_("This matters for the formulation"), required=False)
    description = forms.CharField(
        label=_("More detail"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        error_messages={"max_length": _("More detail must be 5000 characters or fewer")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    when: When | None = None

    def _typed(self, name: str) -> bool:
        """Whether anything was typed in the field (valid or not)."""
        widget = self.fields[name].widget
        value = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        values = value if isinstance(value, list) else [value]
        return any(str(part or "").strip() for part in values)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        given = [kind for kind, names in WHEN_FIELDS.items() if any(self._typed(n) for n in names)]
        if not given:
            self.add_error("on", _("Enter when it happened: a date, an age or a period"))
            return data
        if len(given) > 1:
            self.add_error(
                WHEN_FIELDS[given[1]][0], _("Give only one of a date, an age or a period")
            )
            return data
        kind = given[0]
        when = {"date": self._on, "age": self._age, "range": self._period}[kind](data)
        if when is not None:
            fields = {
                "start": "period_from" if kind == "range" else "on",
                "end": "period_to",
                "age": "age",
            }
            problems = periods.check(when, self.child.date_of_birth, self.today)
            for part, message in problems:
                self.add_error(fields[part], message)
            self.when = None if problems else when
        return data

    def _on(self, data: dict[str, Any]) -> When | None:
        return None if "on" in self.errors else periods.on(data["on"])

    def _age(self, data: dict[str, Any]) -> When | None:
        return (
            None if "age" in self.errors else periods.at_age(self.child.date_of_birth, data["age"])
        )

    def _period(self, data: dict[str, Any]) -> When | None:
        start, end = data.get("period_from"), data.get("period_to")
        if start is None and "period_from" not in self.errors:
            self.add_error("period_from", _("Enter when the period started"))
        if end is None and "period_to" not in self.errors:
            self.add_error("period_to", _("Enter when the period ended"))
        if start is None or end is None:
            return None
        try:
            return periods.between(start, end)
        except WhenError as error:
            self.add_error("period_to", str(error))
            return None

    @classmethod
    def initial_for(cls, event: TimelineEvent) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "title": event.title,
            "category": event.category.code,
            "valence": event.valence,
            "source": source_value(event),
            "certainty": event.certainty,
            "visibility": event.visibility,
            "significant": event.significant,
            "description": event.description,
            "version": event.version,
        }
        if event.precision == periods.AGE:
            initial.update(age=event.age_years)
        elif event.precision == periods.RANGE and event.ends_on:
            start, end = periods.range_parts(event.starts_on, event.ends_on)
            initial.update(period_from=start, period_to=end)
        else:
            initial.update(on=periods.as_partial(event.precision, event.starts_on))
        return initial


class EventRowForm(_EventFields):
    """One row of the several-events form: the "when" is typed in one box."""

    title = forms.CharField(label=_("What happened"), max_length=150, error_messages=TITLE_ERRORS)
    when_text = forms.CharField(
        label=_("When"),
        max_length=60,
        error_messages={
            "required": _("Enter when it happened"),
            "max_length": _("When must be 60 characters or fewer"),
        },
    )
    category = forms.ChoiceField(
        label=_("Category"), error_messages={"required": _("Select a category")}
    )
    valence = forms.ChoiceField(
        label=_("Adverse, positive or neutral"),
        choices=[("", _("Usual for the category")), *Valence.choices],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Who told us"), error_messages={"required": _("Select who told us")}
    )
    certainty = forms.ChoiceField(
        label=_("How sure"),
        choices=[("", _("Select")), *Certainty.choices],
        error_messages={"required": _("Select how sure we are")},
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=Visibility.choices, initial=Visibility.EVERYONE
    )
    significant = forms.BooleanField(label=_("Matters for the formulation"), required=False)

    when: When | None = None

    def has_changed(self) -> bool:
        """A row counts as filled in once anything is typed or chosen beyond the defaults."""
        data = self.data
        return any(
            (data.get(self.add_prefix(name)) or "").strip()
            for name in ("title", "when_text", "category", "valence", "certainty")
        ) or bool(data.get(self.add_prefix("significant")))

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        text = data.get("when_text")
        if text:
            try:
                when = periods.parse(text, self.child.date_of_birth)
            except WhenError as error:
                self.add_error("when_text", str(error))
                return data
            problems = periods.check(when, self.child.date_of_birth, self.today)
            for _part, message in problems:
                self.add_error("when_text", message)
            self.when = None if problems else when
        return data


class BaseEventRows(forms.BaseFormSet):  # type: ignore[type-arg]
    """Blank rows are ignored; at least one row must be filled in."""

    def clean(self) -> None:
        super().clean()
        if not any(form.has_changed() for form in self.forms):
            raise forms.ValidationError(_("Enter at least one event"))

    def entries(self) -> list[EventInput]:
        rows = cast(list[EventRowForm], self.forms)
        return [form.entry(form.when) for form in rows if form.has_changed() and form.when]


EventRows = cast(
    type[BaseEventRows],
    forms.formset_factory(
        EventRowForm, formset=BaseEventRows, extra=8, max_num=8, validate_max=True
    ),
)


class FilterForm(forms.Form):
    """The list's and the drawing's filters, sent as GET parameters (codes only)."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    source = forms.ChoiceField(label=_("Source"), required=False)
    valence = forms.ChoiceField(
        label=_("Adverse, positive or neutral"),
        choices=[("", _("All")), *Valence.choices],
        required=False,
    )
    significant = forms.ChoiceField(
        label=_("Matters for the formulation"),
        choices=[("", _("All events")), ("yes", _("Only events that matter"))],
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        categories: list[EventCategory],
        agencies: list[PartnerAgency],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", _("All categories")), *category_choices(categories, None)[1:]]
        source = cast(forms.ChoiceField, self.fields["source"])
        source.choices = [("", _("All sources")), *source_choices(agencies)]
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select govuk-!-width-full"


class MergeForm(forms.Form):
    into = forms.ChoiceField(
        label=_("Which event is it a duplicate of?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the event it is a duplicate of")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, targets: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        into = cast(forms.ChoiceField, self.fields["into"])
        into.choices = [(str(pk), label) for pk, label in targets]
