"""Reads of the intervention catalogue.

`offered_in` is plain (no actor): the formulation report's recommendation form and the
plan call it for a service already in scope. Service administrators read their own
service's catalogue through `catalogue_for`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ecm.interventions.models import InterventionType, ServiceIntervention
from ecm.organisations.models import Service


def offered_in(service_id: int) -> QuerySet[InterventionType]:
    """The types a service offers: shipped ones it has not switched off, and its own
    active ones (one query)."""
    switched_off = ServiceIntervention.objects.filter(
        service_id=service_id, intervention=OuterRef("pk"), is_active=False
    )
    return (
        InterventionType.objects.filter(
            Q(service__isnull=True) | Q(service_id=service_id, is_active=True)
        )
        .exclude(Exists(switched_off))
        .select_related("lowest_tier")
        .order_by("lowest_tier__number", "name", "pk")
    )


@dataclass(frozen=True)
class CatalogueRow:
    intervention: InterventionType
    offered: bool


def catalogue_for(service: Service) -> list[CatalogueRow]:
    """Every type a service may offer, shipped and its own, with whether it does."""
    off = set(
        ServiceIntervention.objects.filter(service=service, is_active=False).values_list(
            "intervention_id", flat=True
        )
    )
    types = (
        InterventionType.objects.filter(Q(service__isnull=True) | Q(service=service))
        .select_related("lowest_tier")
        .order_by("lowest_tier__number", "name", "pk")
    )
    return [CatalogueRow(t, t.is_active if t.service_id else t.pk not in off) for t in types]


def get_type(service: Service, intervention_id: int) -> InterventionType:
    """A shipped type or one of this service's own; 404 otherwise."""
    found = (
        InterventionType.objects.filter(Q(service__isnull=True) | Q(service=service))
        .filter(pk=intervention_id)
        .select_related("lowest_tier")
        .first()
    )
    if found is None:
        raise Http404
    return found
