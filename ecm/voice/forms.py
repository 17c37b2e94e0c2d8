from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.consent.models import RelatedPerson
from ecm.core import access
from ecm.core.forms import GovUKDateField
from ecm.organisations.models import Membership
from ecm.voice.models import ANSWER_FIELDS, HowShared

CHILD = "child"
IN_THEIR_WORDS = _("In their own words. If they drew it, describe what they drew.")


def _answer(label: Any, hint: Any = IN_THEIR_WORDS) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        error_messages={"max_length": _("Keep each answer to 5,000 characters or fewer")},
    )


class VoiceForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Whose words are these?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whose words these are"),
            "invalid_choice": _("Select whose words these are"),
        },
    )
    what_matters = _answer(_("What matters to me"))
    what_helps = _answer(_("What helps me"))
    what_does_not_help = _answer(_("What does not help me"))
    for_the_meeting = _answer(
        _("What I want people at the meeting to know"),
        _("Especially if they will not be at the meeting themselves"),
    )
    who_i_trust = _answer(
        _("Who I trust"), _("The people they feel safe with and would go to for help")
    )
    how = forms.ChoiceField(
        label=_("How did they share it?"),
        choices=HowShared.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how they shared it"),
            "invalid_choice": _("Select how they shared it"),
        },
    )
    how_other = forms.CharField(
        label=_("Describe how they shared it"),
        help_text=_("Only if you selected another way, for example a video call or a letter"),
        max_length=200,
        required=False,
    )
    recorded_with = forms.ModelChoiceField(
        label=_("Recorded with"),
        help_text=_("The member of staff who was with them"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Select who it was recorded with"),
            "invalid_choice": _("Select who it was recorded with"),
        },
    )
    recorded_on = GovUKDateField(
        label=_("Date recorded"),
        help_text=_("For example, 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date it was recorded")},
    )
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, child: Child, people: list[RelatedPerson], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.people = {str(p.pk): p for p in people}
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (CHILD, _("%(name)s (the child)") % {"name": child.display_name}),
            *((str(p.pk), f"{p.full_name} ({p.relationship_label})") for p in people),
        ]
        staff = Membership.objects.filter(
            service_id=child.service_id,
            role__in=access.FORMULATION_CONTRIBUTORS,
            is_active=True,
        ).values("user_id")
        recorded_with = self.fields["recorded_with"]
        recorded_with.queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=staff, is_active=True
        ).order_by("full_name", "pk")
        recorded_with.label_from_instance = lambda user: user.full_name  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not any((data.get(name) or "").strip() for name in ANSWER_FIELDS):
            if data.get("person") in (None, CHILD):
                message = _("Write down at least one thing the child said")
            else:
                message = _("Write down at least one thing the parent or carer said")
            self.add_error("what_matters", message)
        if data.get("how") == HowShared.OTHER and not (data.get("how_other") or "").strip():
            self.add_error("how_other", _("Describe how they shared it"))
        recorded_on = data.get("recorded_on")
        if recorded_on and recorded_on < self.child.date_of_birth:
            self.add_error(
                "recorded_on", _("Date recorded must be on or after the child's date of birth")
            )
        return data

    def chosen_person(self) -> RelatedPerson | None:
        value = self.cleaned_data["person"]
        return None if value == CHILD else self.people[value]

    @classmethod
    def new_initial(cls, user: User, person: str | None) -> dict[str, Any]:
        return {"submission": uuid.uuid4(), "recorded_with": user.pk, "person": person}
