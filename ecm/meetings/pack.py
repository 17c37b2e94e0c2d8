"""The meeting pack: a tagged PDF (PDF/UA-1) for the people invited to a formulation
meeting, holding only what its reader may see.

Order: the child's and family's voice first (the evaluations found it was buried),
then the life timeline (drawn, and as a table), the developmental mapping, current
needs and current orders.

- Staff readers of the child's service: everything, except timeline events for the
  clinical team only, which psychologists alone get.
- A partner agency invitee: the answers to "what I want people at the meeting to
  know" only, the timeline events visible to everyone, the developmental mapping,
  the names of current needs and the current orders. Nothing else: no other voice
  answers, no needs evidence, no invitation list, no tier.

`pack_context` builds what the template shows, so tests can check the limits
without reading a PDF; `render_pdf` draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import pdf
from ecm.development import charts as development_charts
from ecm.development import queries as development_queries
from ecm.meetings.models import FormulationMeeting
from ecm.meetings.queries import Reader, invitations_of
from ecm.needs.queries import recorded_needs
from ecm.offending.queries import current_orders
from ecm.timeline import drawing
from ecm.timeline import queries as timeline_queries
from ecm.timeline.models import TimelineEvent
from ecm.trm.queries import current_tier
from ecm.voice import queries as voice_queries
from ecm.voice.models import VoiceRecord

STYLESHEET = Path(__file__).with_name("pack.css")
# The voice questions, in the order they are asked; partners get the one marked True.
VOICE_QUESTIONS = (
    ("what_matters", False),
    ("what_helps", False),
    ("what_does_not_help", False),
    ("for_the_meeting", True),
    ("who_i_trust", False),
)


@dataclass(frozen=True)
class Answer:
    question: str
    text: str


@dataclass(frozen=True)
class Voice:
    who: str
    recorded: str
    answers: list[Answer]


@dataclass(frozen=True)
class EventRow:
    number: int
    when: str
    title: str
    description: str
    category: str
    valence: str
    source: str
    certainty: str
    significant: bool


def _date(day: date, pattern: str = "j F Y") -> str:
    return formats.date_format(day, pattern)


def _question(name: str) -> str:
    field = VoiceRecord._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _voices(child: Child, reader: Reader) -> list[Voice]:
    voices = []
    record: VoiceRecord
    for record in voice_queries.latest_voices(child):
        answers = [
            Answer(_question(name), getattr(record, name))
            for name, for_partners in VOICE_QUESTIONS
            if (for_partners or not reader.is_partner) and getattr(record, name).strip()
        ]
        if not answers:
            continue
        if record.person is None:
            who = _("The child, in their own words")
        else:
            who = f"{record.person.full_name} ({record.person.relationship_label})"
        recorded = _("Recorded on %(date)s, %(how)s") % {
            "date": _date(record.recorded_on),
            "how": record.get_how_display().lower(),
        }
        voices.append(Voice(who, recorded, answers))
    return voices


def _when(event: TimelineEvent) -> str:
    if event.precision == "age" and event.age_years is not None:
        return ngettext("At age %(age)s", "At age %(age)s", event.age_years) % {
            "age": event.age_years
        }
    if event.precision == "range" and event.ends_on is not None:
        return f"{_date(event.starts_on, 'F Y')} – {_date(event.ends_on, 'F Y')}"
    pattern = {"exact": "j F Y", "month": "F Y"}.get(event.precision, "Y")
    return _date(event.starts_on, pattern)


def _source(event: TimelineEvent) -> str:
    if event.source_kind == "family":
        return _("The family")
    if event.source_kind == "child":
        return _("The child")
    return event.source_agency.name if event.source_agency else _("The youth justice service")


def _timeline(child: Child, reader: Reader, language: str) -> dict[str, Any]:
    events = timeline_queries.events_for_pack(
        child, include_clinical=reader.clinical, agency_id=reader.agency_id
    )
    rows = [
        EventRow(
            number=number,
            when=_when(event),
            title=event.title,
            description=event.description,
            category=event.category.display_name(language),
            valence=event.get_valence_display(),
            source=_source(event),
            certainty=event.get_certainty_display(),
            significant=event.significant,
        )
        for number, event in enumerate(events, start=1)
    ]
    if not events:
        return {"rows": rows, "image": None, "alt": ""}
    above = sum(1 for e in events if e.valence == "positive")
    below = sum(1 for e in events if e.valence == "adverse")
    alt = ngettext(
        "The child's life timeline, %(count)s event drawn by age: %(above)s positive above "
        "the line, %(below)s adverse below it. The table after it lists every event by number.",
        "The child's life timeline, %(count)s events drawn by age: %(above)s positive above "
        "the line, %(below)s adverse below it. The table after it lists every event by number.",
        len(events),
    ) % {"count": len(events), "above": above, "below": below}
    svg = drawing.timeline_svg(child, events, width=1000)
    return {"rows": rows, "image": drawing.svg_data_uri(svg), "alt": alt}


DOMAIN_ORDER = ("emotional", "social", "cognitive", "communication", "physical")


def months_between(born: date, day: date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def _age(years: int, months: int) -> str:
    return _("%(years)s years %(months)s months") % {"years": years, "months": months}


def _development(child: Child) -> dict[str, Any] | None:
    mapping = development_queries.latest_mapping(child)
    if mapping is None:
        return None
    months = months_between(child.date_of_birth, mapping.mapped_on)
    estimates = sorted(
        mapping.estimates.all(),
        key=lambda e: DOMAIN_ORDER.index(e.domain) if e.domain in DOMAIN_ORDER else 99,
    )
    rows = [
        {
            "domain": estimate.get_domain_display(),
            "age": _age(estimate.functioning_age_years, estimate.functioning_age_months),
            "evidence": estimate.evidence,
            "source": estimate.source,
        }
        for estimate in estimates
    ]
    their_age = _age(months // 12, months % 12)
    alt = _(
        "Developmental mapping of %(date)s, against the child's age then, %(age)s: %(domains)s."
    ) % {
        "date": _date(mapping.mapped_on),
        "age": their_age,
        "domains": "; ".join(f"{row['domain']}: {row['age']}" for row in rows),
    }
    svg = development_charts.development_svg(mapping, months)
    return {
        "mapping": mapping,
        "rows": rows,
        "their_age": their_age,
        "image": development_charts.svg_data_uri(svg),
        "alt": alt,
    }


def pack_context(meeting: FormulationMeeting, reader: Reader) -> dict[str, Any]:
    """What the pack shows to this reader (the meeting's child already in scope)."""
    child = meeting.child
    language = get_language() or "en"
    today = timezone.localdate()
    needs = [
        {
            "name": need.need_type.display_name(language),
            "evidence": "" if reader.is_partner else need.evidence,
        }
        for need in recorded_needs(child)
    ]
    context: dict[str, Any] = {
        "child": child,
        "meeting": meeting,
        "reader": reader,
        "language": language,
        "generated": timezone.localtime(),
        "age": child.age_on(today),
        "voices": _voices(child, reader),
        "timeline": _timeline(child, reader, language),
        "development": _development(child),
        "needs": needs,
        "orders": current_orders(child, today),
        "invitations": [],
        "tier": None,
    }
    if not reader.is_partner:
        context["invitations"] = invitations_of(meeting)
        context["tier"] = current_tier(child)
    return context


def render_html(meeting: FormulationMeeting, reader: Reader) -> str:
    return render_to_string("meetings/pack.html", pack_context(meeting, reader))


def render_pdf(meeting: FormulationMeeting, reader: Reader) -> bytes:
    """A tagged PDF with the document language set and an Arial-metric font."""
    return pdf.render_pdf(render_html(meeting, reader), pdf.PACK_STYLESHEET, STYLESHEET)
