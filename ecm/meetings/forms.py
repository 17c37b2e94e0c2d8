"""Forms for formulation meetings: scheduling, invitations, answers, the day itself."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.core import access
from ecm.core.forms import YES_NO, GovUKDateField
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingLanguage, Response
from ecm.organisations.models import Membership, PartnerAgency

TIME_PATTERN = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def staff_of(service_id: int) -> QuerySet[User]:
    """People who work with children's records in the service, by name."""
    members = Membership.objects.filter(
        service_id=service_id, role__in=access.CHILD_RECORD_READERS, is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("full_name", "pk")


def psychologists_of(service_id: int) -> QuerySet[User]:
    members = Membership.objects.filter(
        service_id=service_id, role__in=access.MEETING_CHAIRS, is_active=True
    ).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("full_name", "pk")


def _by_full_name(field: forms.Field) -> None:
    field.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]


def parse_time(value: str) -> time | None:
    match = TIME_PATTERN.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_names(text: str) -> list[tuple[str, str]]:
    """One person a line, "Name, who they are" (the second part optional)."""
    people = []
    for line in text.splitlines():
        name, _comma, note = line.strip().partition(",")
        if name.strip():
            people.append((name.strip(), note.strip()))
    return people


class InviteFields(forms.Form):
    """Agencies, members of staff and people without an account."""

    agencies = forms.ModelMultipleChoiceField(
        label=_("Partner agencies"),
        help_text=_("Any worker of the agency can answer for it and download its meeting pack"),
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Choose partner agencies of the child's service"),
            "invalid_pk_value": _("Choose partner agencies of the child's service"),
        },
    )
    people = forms.ModelMultipleChoiceField(
        label=_("People from the youth justice service"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Choose people who work in the child's service"),
            "invalid_pk_value": _("Choose people who work in the child's service"),
        },
    )
    others = forms.CharField(
        label=_("People without an account"),
        help_text=_(
            "One person a line: their name, then a comma and who they are. "
            "For example: Eirlys Jones, grandmother"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def set_choices(self, child: Child, meeting: FormulationMeeting | None = None) -> None:
        agencies = PartnerAgency.objects.filter(service_id=child.service_id).order_by("name")
        people = staff_of(child.service_id)
        if meeting is not None:
            invited = Invitation.objects.filter(meeting=meeting)
            agencies = agencies.exclude(pk__in=invited.values("agency_id").exclude(agency=None))
            people = people.exclude(pk__in=invited.values("invitee_id").exclude(invitee=None))
        self.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        _by_full_name(self.fields["people"])

    def clean_others(self) -> list[tuple[str, str]]:
        people = parse_names(self.cleaned_data.get("others", ""))
        for name, note in people:
            if len(name) > 200 or len(note) > 200:
                raise forms.ValidationError(
                    _("Each name and each description must be 200 characters or fewer")
                )
        return people

    def chosen(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("agencies") or data.get("people") or data.get("others"))


class ScheduleForm(InviteFields):
    meeting_date = GovUKDateField(
        label=_("Date of the meeting"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the date of the meeting")},
    )
    meeting_time = forms.CharField(
        label=_("Start time"),
        help_text=_("Use the 24-hour clock, for example 14:30"),
        max_length=20,
        error_messages={
            "required": _("Enter the start time"),
            "max_length": _("Enter the start time in the 24-hour clock, like 14:30"),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        help_text=_("For example, Room 2, Glannau Teifi youth justice office"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Place must be 200 characters or fewer")},
    )
    online = forms.BooleanField(label=_("The meeting is online (a video call)"), required=False)
    chair = forms.ModelChoiceField(
        label=_("Chair"),
        help_text=_("A clinical psychologist of the child's service leads the meeting"),
        queryset=User.objects.none(),
        empty_label=_("Choose the chair"),
        error_messages={
            "required": _("Choose who chairs the meeting"),
            "invalid_choice": _("The chair must be a clinical psychologist of the child's service"),
        },
    )
    link_episode = forms.BooleanField(
        label=_("Record it as part of the child's ECM episode"), required=False
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    field_order = [
        "meeting_date",
        "meeting_time",
        "place",
        "online",
        "chair",
        "link_episode",
        "agencies",
        "people",
        "others",
    ]

    def __init__(self, *args: Any, child: Child, has_episode: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.child = child
        self.set_choices(child)
        self.fields["chair"].queryset = psychologists_of(child.service_id)  # type: ignore[attr-defined]
        _by_full_name(self.fields["chair"])
        if not has_episode:
            del self.fields["link_episode"]

    def clean_meeting_time(self) -> time:
        value = parse_time(self.cleaned_data["meeting_time"])
        if value is None:
            raise forms.ValidationError(_("Enter the start time in the 24-hour clock, like 14:30"))
        return value

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        day: date | None = data.get("meeting_date")
        at: time | None = data.get("meeting_time")
        if day is not None and day < timezone.localdate():
            self.add_error("meeting_date", _("Date of the meeting must be today or in the future"))
        elif day is not None and at is not None:
            starts = timezone.make_aware(datetime.combine(day, at))
            if starts < timezone.now():
                self.add_error("meeting_time", _("Start time must be later than now"))
            data["starts_at"] = starts
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", _("Enter where the meeting will be, or tick online"))
        return data


class InviteForm(InviteFields):
    def __init__(self, *args: Any, meeting: FormulationMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_choices(meeting.child, meeting)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self.errors and not self.chosen():
            self.add_error("agencies", _("Choose an agency or a person to invite, or enter a name"))
        return data


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Can you come?"),
        choices=[
            (Response.CONFIRMED, _("Yes, I will come")),
            (Response.APOLOGIES, _("No, send my apologies")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether you can come")},
    )

    def __init__(self, *args: Any, on_behalf: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if on_behalf:
            field = self.fields["response"]
            field.label = _("Can %(name)s come?") % {"name": on_behalf}
            field.choices = [  # type: ignore[attr-defined]
                (Response.CONFIRMED, _("Yes, they will come")),
                (Response.APOLOGIES, _("No, they sent apologies")),
            ]
            field.error_messages["required"] = _("Say whether they can come")


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


class RecordForm(forms.Form):
    """Attendance for each invitation, the notes, and the language of the meeting."""

    welsh_offered = forms.ChoiceField(
        label=_("Was the family offered the meeting in Welsh?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    language_used = forms.ChoiceField(
        label=_("Which language was the meeting held in?"),
        choices=MeetingLanguage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes of the meeting"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        meeting: FormulationMeeting,
        invitations: list[Invitation],
        held: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.held = held
        self.invitations = invitations
        for invitation in invitations:
            self.fields[f"attended_{invitation.pk}"] = forms.ChoiceField(
                label=_("Did %(name)s attend?") % {"name": invitation.label},
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )

    @classmethod
    def initial_for(
        cls, meeting: FormulationMeeting, invitations: list[Invitation]
    ) -> dict[str, Any]:
        def answer(value: bool | None) -> str:
            return "" if value is None else "yes" if value else "no"

        initial: dict[str, Any] = {
            "welsh_offered": answer(meeting.welsh_offered),
            "language_used": meeting.language_used,
            "notes": meeting.notes,
            "version": meeting.version,
        }
        for invitation in invitations:
            initial[f"attended_{invitation.pk}"] = answer(invitation.attended)
        return initial

    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[f"attended_{i.pk}"] for i in self.invitations]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.held:
            if self.meeting.starts_at > timezone.now():
                raise forms.ValidationError(
                    _("The meeting can be marked as held once it has started")
                )
            if not data.get("welsh_offered"):
                self.add_error(
                    "welsh_offered", _("Say whether the family was offered the meeting in Welsh")
                )
            if not data.get("language_used"):
                self.add_error("language_used", _("Choose the language the meeting was held in"))
            for invitation in self.invitations:
                if not data.get(f"attended_{invitation.pk}"):
                    self.add_error(
                        f"attended_{invitation.pk}",
                        _("Say whether %(name)s attended") % {"name": invitation.label},
                    )
        return data

    def attendance(self) -> dict[int, bool | None]:
        return {i.pk: _yes_no(self.cleaned_data.get(f"attended_{i.pk}")) for i in self.invitations}

    def welsh(self) -> bool | None:
        return _yes_no(self.cleaned_data.get("welsh_offered"))


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("What needs to be done"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter what needs to be done"),
            "max_length": _("What needs to be done must be 1000 characters or fewer"),
        },
    )
    owner = forms.ModelChoiceField(
        label=_("Who will do it"),
        help_text=_("Someone from the youth justice service"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Someone else (enter their name below)"),
        error_messages={"invalid_choice": _("Choose someone who works in the child's service")},
    )
    owner_name = forms.CharField(
        label=_("Name of someone else"),
        help_text=_("For someone without an account, for example a teacher or a grandparent"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Name must be 200 characters or fewer")},
    )
    due_on = GovUKDateField(
        label=_("Due date"),
        help_text=_("For example, 27 3 2027"),
        error_messages={"required": _("Enter the due date")},
    )

    def __init__(self, *args: Any, meeting: FormulationMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["owner"].queryset = staff_of(meeting.child.service_id)  # type: ignore[attr-defined]
        _by_full_name(self.fields["owner"])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        owner, name = data.get("owner"), (data.get("owner_name") or "").strip()
        if owner is None and not name and "owner_name" not in self.errors:
            self.add_error("owner", _("Choose who will do it, or enter the name of someone else"))
        elif owner is not None and name:
            self.add_error(
                "owner_name", _("Choose someone from the list or enter a name, not both")
            )
        due: date | None = data.get("due_on")
        meeting_day = timezone.localtime(self.meeting.starts_at).date()
        if due is not None and due < meeting_day:
            self.add_error("due_on", _("Due date must be on or after the date of the meeting"))
        return data
