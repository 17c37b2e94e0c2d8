"""Reads of the Trauma Recovery Model tiers and of children's tier histories.

`current_tier` is plain (no actor, no audit): the meetings overview and the pack
call it for a child already read. The page reads take the Actor, answer 404
outside the person's scope (recording the refusal) and are audited.
"""

from __future__ import annotations

from django.http import Http404

from ecm.audit.models import Verb
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.core.access import Actor
from ecm.trm.models import Tier, TierAssessment, TierRevision


def current_tier(child: Child) -> TierAssessment | None:
    """The child's latest tier (by date assessed, then as recorded); no audit inside."""
    return (
        TierAssessment.objects.filter(child=child)
        .select_related("tier")
        .order_by("-assessed_on", "-pk")
        .first()
    )


def tiers() -> list[Tier]:
    return list(Tier.objects.order_by("number"))


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, for staff readers of the child's service; 404 (recorded) otherwise."""
    return child_for_page(
        actor, child_id, page=page, verb=Verb.VIEW_TIERS, refusal=f"tiers: {page}"
    )


def history_of(child: Child) -> list[TierAssessment]:
    """A child already read: every assessment, newest first (one query)."""
    return list(
        TierAssessment.objects.filter(child=child)
        .select_related("tier", "assessed_by", "meeting")
        .order_by("-assessed_on", "-pk")
    )


def get_tier(tier_id: int) -> Tier:
    tier = Tier.objects.filter(pk=tier_id).first()
    if tier is None:
        raise Http404
    return tier


def revisions_of(tier: Tier) -> list[TierRevision]:
    return list(TierRevision.objects.filter(tier=tier).select_related("changed_by").order_by("-pk"))
