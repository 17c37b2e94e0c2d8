from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ecm.casenotes.models import CaseNote, NoteKind, NoteVisibility
from ecm.children.models import Child
from ecm.core.forms import GovUKDateField

SAVE_DRAFT, SAVE_FINAL = "draft", "final"


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type of note"),
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the type of note")},
    )
    noted_on = GovUKDateField(
        label=_("Date"),
        help_text=_("The day it happened, for example 27 3 2026"),
        past_only=True,
        error_messages={"required": _("Enter the date")},
    )
    title = forms.CharField(
        label=_("Summary"),
        help_text=_("A few words, shown in the activity list"),
        max_length=200,
        error_messages={
            "required": _("Enter a summary"),
            "max_length": _("Summary must be 200 characters or fewer"),
        },
    )
    text = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={
            "required": _("Enter the note"),
            "max_length": _("Note must be 20,000 characters or fewer"),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        help_text=_(
            "The ECM team is the child's case manager, the psychologists and the team "
            "managers. You can always read your own notes."
        ),
        choices=NoteVisibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who may read the note")},
    )
    # The button pressed: "Save as a draft" or "Save as final".
    save_as = forms.CharField(widget=forms.HiddenInput, required=False)
    submission = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.child = child

    def clean_noted_on(self) -> date | None:
        noted_on: date | None = self.cleaned_data.get("noted_on")
        if noted_on and noted_on < self.child.date_of_birth:
            raise forms.ValidationError(_("Date must be on or after the child's date of birth"))
        return noted_on

    @property
    def final(self) -> bool:
        return self.cleaned_data.get("save_as") == SAVE_FINAL

    @classmethod
    def new_initial(cls, **extra: Any) -> dict[str, Any]:
        return {"submission": uuid.uuid4(), "visibility": NoteVisibility.EVERYONE, **extra}

    @classmethod
    def initial_for(cls, note: CaseNote) -> dict[str, Any]:
        return {
            "kind": note.kind,
            "noted_on": note.noted_on,
            "title": note.title,
            "text": note.text,
            "visibility": note.visibility,
            "version": note.version,
        }
