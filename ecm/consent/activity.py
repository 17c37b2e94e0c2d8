"""Consent in the child's activity list: each consent given and withdrawn (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.consent.models import ConsentRecord
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem, start_of_day


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    kind = _("Consent")
    link = reverse("consent:index", args=[child.pk])
    result = []
    for record in ConsentRecord.objects.filter(child=child).select_related("person"):
        who = (
            _("the child")
            if record.person is None
            else f"{record.person.full_name} ({record.person.relationship_label})"
        )
        purpose = record.get_purpose_display()
        result.append(
            ActivityItem(
                start_of_day(record.given_on),
                kind,
                _("Consent given: %(purpose)s") % {"purpose": purpose},
                link,
                str(who),
            )
        )
        if record.withdrawn_on is not None:
            result.append(
                ActivityItem(
                    start_of_day(record.withdrawn_on),
                    kind,
                    _("Consent withdrawn: %(purpose)s") % {"purpose": purpose},
                    link,
                    str(who),
                )
            )
    return result
