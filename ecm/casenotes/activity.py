"""Case notes in the child's activity list: final notes the person may read, and their
own drafts (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ecm.casenotes import queries
from ecm.children.models import Child
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem, start_of_day


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    result = []
    for note in queries.readable_notes(actor, child):
        detail = note.get_kind_display()
        if not note.is_final:
            detail = _("%(kind)s, draft") % {"kind": detail}
        elif note.corrects_id:
            detail = _("%(kind)s, a correction") % {"kind": detail}
        result.append(
            ActivityItem(
                when=start_of_day(note.noted_on),
                kind=_("Case note"),
                title=note.title,
                link=reverse("casenotes:detail", args=[child.pk, note.pk]),
                detail=str(detail),
            )
        )
    return result
