from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from ecm.needs.models import ChildNeed, NeedType


@dataclass(frozen=True)
class NeedRow:
    need_type: NeedType
    name: str
    ticked: BoundField
    evidence: BoundField


class NeedsForm(forms.Form):
    """A checkbox for each need on the checklist, each with its evidence."""

    def __init__(
        self,
        *args: Any,
        need_types: list[NeedType],
        recorded: list[ChildNeed],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.need_types = need_types
        self.language = language
        evidence = {need.need_type_id: need.evidence for need in recorded}
        for need_type in need_types:
            ticked, text = self._names(need_type)
            self.fields[ticked] = forms.BooleanField(
                label=need_type.display_name(language), required=False
            )
            self.fields[text] = forms.CharField(
                label=_("Evidence"),
                help_text=_(
                    "What shows this need: for example what the child or their family "
                    "told you, or an assessment and its date"
                ),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
            if need_type.pk in evidence:
                self.initial[ticked] = True
                self.initial[text] = evidence[need_type.pk]

    @staticmethod
    def _names(need_type: NeedType) -> tuple[str, str]:
        return f"need_{need_type.pk}", f"evidence_{need_type.pk}"

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        for need_type in self.need_types:
            ticked, text = self._names(need_type)
            if data.get(ticked) and not data.get(text, "").strip():
                self.add_error(
                    text,
                    _("Enter the evidence for “%(need)s”")
                    % {"need": need_type.display_name(self.language)},
                )
        return data

    def chosen(self) -> dict[NeedType, str]:
        """The ticked needs with their evidence (evidence for unticked needs is dropped)."""
        chosen = {}
        for need_type in self.need_types:
            ticked, text = self._names(need_type)
            if self.cleaned_data.get(ticked):
                chosen[need_type] = self.cleaned_data[text].strip()
        return chosen

    def rows(self) -> list[NeedRow]:
        return [
            NeedRow(
                need_type,
                need_type.display_name(self.language),
                self[self._names(need_type)[0]],
                self[self._names(need_type)[1]],
            )
            for need_type in self.need_types
        ]
