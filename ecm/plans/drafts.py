"""The starting draft of "My plan" that the case manager rewrites in their own words:
the worker, the first items of the plan with why, what the child (or the carer) said
matters to them, and how to get help, in short sentences, in the summary's language."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.plans.models import Audience, PlanItem
from ecm.plans.queries import Board
from ecm.voice.models import VoiceRecord


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        if end in text:
            return text.split(end, 1)[0] + end.strip()
    return text


def _step(item: PlanItem) -> str:
    line = "- " + _first_sentence(item.what)
    if item.why.strip():
        line += " " + _("This is because: %(why)s") % {"why": _first_sentence(item.why)}
    return line


def starting_draft(
    child: Child, audience: str, language: str, board: Board, voices: list[VoiceRecord]
) -> dict[str, str]:
    with translation.override(language):
        worker_name = child.case_manager.full_name if child.case_manager else ""
        if worker_name:
            worker = _(
                "Your worker is %(name)s. You will see %(name)s at the same time and place each "
                "week. You can ask %(name)s anything."
            ) % {"name": worker_name}
        else:
            worker = _("Your worker will be named here soon.")
        first = (board.now + board.next)[:3]
        if first:
            lead = (
                _("First, we will do these things together:")
                if audience == Audience.CHILD
                else _("First, we will do these things with your child:")
            )
            first_steps = "\n".join([lead, *[_step(item) for item in first]])
        else:
            first_steps = _("We will write down together what we do first.")
        wanted = None if audience == Audience.CHILD else "carer"
        said = [
            v.what_matters.strip()
            for v in voices
            if v.what_matters.strip() and (v.person_id is None) == (wanted is None)
        ]
        if said:
            what_matters = _("You told us: %(words)s") % {"words": said[0]}
        else:
            what_matters = _("We will ask you what matters to you and write it here.")
        get_help = _(
            "If you need help, call your worker. If you feel unsafe, call 999. You can call "
            "Childline free on 0800 1111, day or night. Meic is free on 080880 23456."
        )
    return {
        "worker": worker,
        "first_steps": first_steps,
        "what_matters": what_matters,
        "get_help": get_help,
    }
