"""Orders and out-of-court disposals in the child's activity list: each start and end
(one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.plugins import ActivityItem, start_of_day
from ecm.offending.models import Order


def items(actor: Actor, child: Child) -> list[ActivityItem]:
    if not access.can_read_children_in(actor, child.service_id):
        return []
    kind = _("Order")
    link = reverse("offending:history", args=[child.pk])
    result = []
    for order in Order.objects.filter(child=child):
        label = order.get_order_type_display()
        result.append(
            ActivityItem(
                start_of_day(order.start_date),
                kind,
                _("%(order)s began") % {"order": label},
                link,
            )
        )
        if order.end_date is not None:
            result.append(
                ActivityItem(
                    start_of_day(order.end_date),
                    kind,
                    _("%(order)s ended") % {"order": label},
                    link,
                )
            )
    return result
