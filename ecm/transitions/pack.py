"""The handover pack for adult probation: a tagged PDF (PDF/UA-1) holding only what the
young person agreed to share: what has helped, the formulation summary and
recommendations they agreed to, the current plan and risks, and their communication
needs and preferences, with the plan for the move itself."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core import pdf
from ecm.core.access import Actor
from ecm.offending.queries import current_orders
from ecm.transitions.models import TransitionPlan, TransitionStep


def pack_context(plan: TransitionPlan) -> dict[str, Any]:
    child = plan.child
    today = timezone.localdate()
    return {
        "child": child,
        "plan": plan,
        "steps": list(TransitionStep.objects.filter(plan=plan)),
        "orders": current_orders(child, today),
        "age": child.age_on(today),
        "language": get_language() or "en",
        "generated": timezone.localtime(),
    }


def render_html(plan: TransitionPlan) -> str:
    return render_to_string("transitions/pdf/pack.html", pack_context(plan))


def render_pdf(plan: TransitionPlan, *, actor: Actor) -> bytes:
    """The pack for the person downloading it; the download is audited."""
    record_event(
        actor=actor,
        verb=Verb.DOWNLOAD_HANDOVER_PACK,
        child=plan.child,
        object_type="transition_plan",
        object_id=plan.pk,
    )
    return pdf.render_pdf(render_html(plan), pdf.PACK_STYLESHEET)
