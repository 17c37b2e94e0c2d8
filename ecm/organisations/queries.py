"""Reads for service administration and service-level figures."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from ecm.children.models import Child
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import Membership, PartnerAgency, Service, Team


def administered_services(actor: Actor) -> list[Service]:
    ids = set(actor.service_ids_with(access.SERVICE_ADMINISTRATORS))
    return [
        m.service for m in actor.memberships if m.service_id in ids and m.role == "service_admin"
    ]


def memberships_in(actor: Actor) -> QuerySet[Membership]:
    return Membership.objects.filter(
        service_id__in=actor.service_ids_with(access.SERVICE_ADMINISTRATORS)
    ).select_related("user", "service", "team", "agency")


def get_membership(actor: Actor, membership_id: int) -> Membership:
    return get_object_or_404(memberships_in(actor), pk=membership_id)


def teams_in(actor: Actor) -> QuerySet[Team]:
    return Team.objects.filter(
        service_id__in=actor.service_ids_with(access.SERVICE_ADMINISTRATORS)
    ).select_related("service")


def get_service(actor: Actor, service_id: int) -> Service:
    """The service as saved now (not as read at sign-in), if this person administers it."""
    return get_object_or_404(
        Service.objects.filter(pk__in=actor.service_ids_with(access.SERVICE_ADMINISTRATORS)),
        pk=service_id,
    )


def get_team(actor: Actor, team_id: int) -> Team:
    return get_object_or_404(teams_in(actor), pk=team_id)


def agencies_in(actor: Actor) -> QuerySet[PartnerAgency]:
    return PartnerAgency.objects.filter(
        service_id__in=actor.service_ids_with(access.SERVICE_ADMINISTRATORS)
    ).select_related("service")


def service_figures(actor: Actor) -> list[dict[str, object]]:
    """Counts only: no child can be identified from these figures."""
    rows = []
    for service_id in actor.service_ids_with(access.FIGURES_READERS):
        children = Child.objects.filter(service_id=service_id)
        rows.append(
            {
                "service": Service.objects.get(pk=service_id),
                "total": children.count(),
                "unallocated": children.filter(case_manager__isnull=True).count(),
                "by_language": list(
                    children.values("language_preference")
                    .annotate(n=Count("pk"))
                    .order_by("language_preference")
                ),
                "by_gender": list(
                    children.values("gender").annotate(n=Count("pk")).order_by("gender")
                ),
                "by_team": list(
                    children.values("team__name").annotate(n=Count("pk")).order_by("team__name")
                ),
            }
        )
    return rows
