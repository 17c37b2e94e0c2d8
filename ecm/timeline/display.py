"""How events read on pages, in the PDF and in the drawing: the period, the child's age
then, the source, and an event's history as what changed at each save."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ecm.children.models import Child
from ecm.organisations.models import PartnerAgency
from ecm.timeline import when as periods
from ecm.timeline.models import (
    Certainty,
    EventCategory,
    RevisionAction,
    SourceKind,
    Status,
    TimelineEvent,
    TimelineEventRevision,
    Valence,
    Visibility,
)


def age_on(born: date, day: date) -> int:
    return max(0, day.year - born.year - ((day.month, day.day) < (born.month, born.day)))


def age_label(born: date, event: TimelineEvent) -> str:
    """The child's age then: "aged 7", "aged 4 to 5", "under 1"; empty when the event
    was given as an age (it says so already)."""
    if event.precision == periods.AGE:
        return ""
    start = age_on(born, event.starts_on)
    end = age_on(born, event.ends_on or event.starts_on)
    if start == end == 0:
        return _("under 1")
    if start == end:
        return ngettext("aged %(age)s", "aged %(age)s", start) % {"age": start}
    return _("aged %(start)s to %(end)s") % {"start": start, "end": end}


def source_label(kind: str, agency: PartnerAgency | None) -> str:
    if kind == SourceKind.FAMILY:
        return _("The family")
    if kind == SourceKind.CHILD:
        return _("The child")
    return agency.name if agency is not None else _("The youth justice service")


def when_label(event: TimelineEvent) -> str:
    return periods.describe(event.precision, event.starts_on, event.ends_on, event.age_years)


@dataclass(frozen=True)
class Row:
    """One event as listed, numbered as on the drawn timeline."""

    number: int
    event: TimelineEvent
    when: str
    age: str
    category: str
    shape: str
    source: str


def rows(child: Child, events: Iterable[TimelineEvent], language: str) -> list[Row]:
    return [
        Row(
            number=number,
            event=event,
            when=when_label(event),
            age=age_label(child.date_of_birth, event),
            category=event.category.display_name(language),
            shape=event.category.get_shape_display(),
            source=source_label(event.source_kind, event.source_agency),
        )
        for number, event in enumerate(events, start=1)
    ]


# An event's history.

LABELS = {
    "title": gettext_lazy("What happened"),
    "when": gettext_lazy("When"),
    "category": gettext_lazy("Category"),
    "valence": gettext_lazy("Adverse, positive or neutral"),
    "source": gettext_lazy("Source"),
    "certainty": gettext_lazy("How sure"),
    "visibility": gettext_lazy("Who may see it"),
    "significant": gettext_lazy("Matters for the formulation"),
    "description": gettext_lazy("More detail"),
    "status": gettext_lazy("Status"),
}


def snapshot_values(
    snapshot: dict[str, Any],
    categories: dict[str, EventCategory],
    agencies: dict[int, PartnerAgency],
    language: str,
) -> dict[str, str]:
    category = categories.get(snapshot["category"])
    ends = snapshot.get("ends_on")
    return {
        "title": snapshot["title"],
        "when": periods.describe(
            snapshot["precision"],
            date.fromisoformat(snapshot["starts_on"]),
            date.fromisoformat(ends) if ends else None,
            snapshot.get("age_years"),
        ),
        "category": category.display_name(language) if category else snapshot["category"],
        "valence": str(Valence(snapshot["valence"]).label),
        "source": source_label(snapshot["source_kind"], agencies.get(snapshot["source_agency"])),
        "certainty": str(Certainty(snapshot["certainty"]).label),
        "visibility": str(Visibility(snapshot["visibility"]).label),
        "significant": _("Yes") if snapshot["significant"] else _("No"),
        "description": snapshot["description"] or "–",
        "status": str(Status(snapshot["status"]).label),
    }


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    revision: TimelineEventRevision
    action: str
    # For the first save, every value (before is empty); afterwards what changed.
    changes: list[Change]


def history_entries(
    revisions: list[TimelineEventRevision],
    categories: dict[str, EventCategory],
    agencies: dict[int, PartnerAgency],
    language: str,
) -> list[HistoryEntry]:
    entries = []
    previous: dict[str, str] | None = None
    for revision in revisions:
        values = snapshot_values(revision.snapshot, categories, agencies, language)
        changes = [
            Change(str(LABELS[name]), previous[name] if previous else "", value)
            for name, value in values.items()
            if previous is None or previous[name] != value
        ]
        entries.append(HistoryEntry(revision, str(RevisionAction(revision.action).label), changes))
        previous = values
    return entries
