"""What changed between two versions of a report, section by section.

Each text section is compared line by line (difflib): unchanged, removed and added
lines, so the page can show them with words ("Removed:", "Added:"), never by colour
alone. The picked background events, the tier and the recommendations are compared
too. Clinical notes are compared only for psychologists.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ecm.formulation.models import SECTION_FIELDS, FormulationReport, Recommendation


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass
class SectionChange:
    label: str
    changed: bool
    lines: list[Line] = field(default_factory=list)


def _lines(before: str, after: str) -> list[Line]:
    lines = []
    for row in difflib.ndiff(before.splitlines(), after.splitlines()):
        code, text = row[:2], row[2:]
        if code == "- ":
            lines.append(Line("removed", text))
        elif code == "+ ":
            lines.append(Line("added", text))
        elif code == "  ":
            lines.append(Line("same", text))
    return lines


def _label(name: str) -> str:
    return str(FormulationReport._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def _recommendation_text(item: Recommendation) -> str:
    parts = [f"{item.number}. {item.what}", f"{_('Tier')}: {item.tier.number}"]
    if item.intervention is not None:
        parts.append(f"{_('Type of intervention')}: {item.intervention}")
    if item.owner is not None:
        parts.append(f"{_('Owner')}: {item.owner.full_name}")
    for name in ("why", "success_measure", "rationale", "delivered_by_name"):
        value = getattr(item, name)
        if value:
            label = str(Recommendation._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            parts.append(f"{label}: {value}")
    for name in ("starts_on", "review_on"):
        value = getattr(item, name)
        if value:
            label = str(Recommendation._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
            parts.append(f"{label}: {value:%d/%m/%Y}")
    return "\n".join(parts)


def _recommendations(report: FormulationReport) -> str:
    items = (
        Recommendation.objects.filter(report=report)
        .select_related("tier", "intervention", "owner")
        .order_by("number", "pk")
    )
    return "\n".join(_recommendation_text(item) for item in items)


def _events(report: FormulationReport) -> str:
    return "\n".join(
        f"{event.starts_on:%Y} {event.title}"
        for event in report.background_events.order_by("starts_on", "pk")
    )


def _tier(report: FormulationReport) -> str:
    return str(report.tier) if report.tier is not None else ""


def compare(
    before: FormulationReport, after: FormulationReport, *, clinical: bool
) -> list[SectionChange]:
    """Every section of `after` against `before`, in report order."""
    pairs: list[tuple[str, str, str]] = []
    for name in SECTION_FIELDS:
        if name == "background":
            pairs.append((_label(name), before.background, after.background))
            pairs.append(
                (_("Significant events from the timeline"), _events(before), _events(after))
            )
        elif name == "tier_reasons":
            pairs.append((_("Current tier"), _tier(before), _tier(after)))
            pairs.append((_label(name), before.tier_reasons, after.tier_reasons))
        else:
            pairs.append((_label(name), getattr(before, name), getattr(after, name)))
    pairs.append((_("Recommendations"), _recommendations(before), _recommendations(after)))
    if clinical:
        pairs.append((_label("clinical_notes"), before.clinical_notes, after.clinical_notes))
    return [
        SectionChange(label, old != new, _lines(old, new) if old != new else [])
        for label, old, new in pairs
    ]
