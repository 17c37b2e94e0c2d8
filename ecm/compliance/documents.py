"""The warning letter: a tagged PDF (PDF/UA-1) in the child's language, in Child First
wording. It is written to the child, says what happened and what happens next, and
what the team will do to help."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ecm.appointments.models import Appointment
from ecm.children.models import Child, LanguagePreference
from ecm.compliance import queries
from ecm.compliance.models import EnforcementDecision
from ecm.compliance.statutory import order_record
from ecm.core.pdf import render_pdf

STYLESHEET = Path(__file__).with_name("letter.css")


def letter_language(child: Child) -> str:
    """Welsh for a child who prefers Welsh; otherwise English."""
    return "cy" if child.language_preference == LanguagePreference.WELSH else "en"


def letter_context(decision: EnforcementDecision) -> dict[str, Any]:
    child = decision.child
    follow_up = decision.follow_up
    appointment = follow_up.appointment
    given_on = decision.effective_on or timezone.localdate()
    warning, breach_until = None, None
    if decision.order is not None:
        record = order_record(decision.order, queries.decisions_of(child), given_on)
        warning = next((w for w in record.warnings if w.decision.pk == decision.pk), None)
        breach_until = record.breach_if_another_failure_until
    consultation = follow_up.consultations.order_by("-consulted_on", "-pk").first()
    upcoming = (
        Appointment.objects.filter(child=child, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    return {
        "child": child,
        "service": child.service,
        "case_manager": child.case_manager,
        "decision": decision,
        "appointment": appointment,
        "order": decision.order,
        "given_on": given_on,
        "warned_until": warning.warned_until if warning else None,
        # A further failure before this day would mean going back to court.
        "breach_until": breach_until,
        "attempted": follow_up.attempts.exists(),
        "consultation": consultation,
        "next_appointment": upcoming,
    }


def warning_letter_html(decision: EnforcementDecision) -> str:
    language = letter_language(decision.child)
    with translation.override(language):
        return render_to_string(
            "compliance/pdf/warning_letter.html", {**letter_context(decision), "lang": language}
        )


def warning_letter_pdf(decision: EnforcementDecision) -> bytes:
    return render_pdf(warning_letter_html(decision), STYLESHEET)
