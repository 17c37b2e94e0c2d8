"""Changing a service's intervention catalogue: service administrators only, one
transaction, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.conflicts import EditConflict
from ecm.interventions.models import InterventionType, ServiceIntervention
from ecm.organisations.models import Service

FIELDS = (
    "name",
    "name_cy",
    "description",
    "description_cy",
    "lowest_tier",
    "needs_domain",
    "needs_age_months",
)


class InterventionConflict(EditConflict[InterventionType]):
    """Another administrator saved the type after this edit began."""


def _check(actor: Actor, service: Service) -> None:
    if not access.can_administer(actor, service.pk):
        raise PermissionDenied


def add_type(
    *, actor: Actor, service: Service, code: str, values: dict[str, Any]
) -> InterventionType:
    _check(actor, service)
    with transaction.atomic():
        intervention = InterventionType.objects.create(service=service, code=code, **values)
        record_event(
            actor=actor,
            verb=Verb.CHANGE_INTERVENTIONS,
            object_type="intervention_type",
            service_id=service.pk,
            object_id=intervention.pk,
            detail={"code": code, "change": "added"},
        )
    return intervention


def update_type(
    *,
    actor: Actor,
    service: Service,
    intervention: InterventionType,
    values: dict[str, Any],
    expected_version: int,
) -> None:
    """A service's own type only: the shipped catalogue is changed by a migration."""
    _check(actor, service)
    if intervention.service_id != service.pk:
        raise PermissionDenied
    with transaction.atomic():
        updated = InterventionType.objects.filter(
            pk=intervention.pk, version=expected_version
        ).update(**values, version=F("version") + 1, updated_at=timezone.now())
        if updated:
            record_event(
                actor=actor,
                verb=Verb.CHANGE_INTERVENTIONS,
                service_id=service.pk,
                object_type="intervention_type",
                object_id=intervention.pk,
                detail={"code": intervention.code, "version": expected_version + 1},
            )
    if not updated:
        raise InterventionConflict(
            InterventionType.objects.select_related("lowest_tier").get(pk=intervention.pk)
        )


def set_offered(
    *, actor: Actor, service: Service, intervention: InterventionType, offered: bool
) -> None:
    """Switches a type on or off for this service (shipped types through a setting)."""
    _check(actor, service)
    with transaction.atomic():
        if intervention.service_id is None:
            ServiceIntervention.objects.update_or_create(
                service=service, intervention=intervention, defaults={"is_active": offered}
            )
        elif intervention.service_id == service.pk:
            InterventionType.objects.filter(pk=intervention.pk).update(is_active=offered)
        else:
            raise PermissionDenied
        record_event(
            actor=actor,
            verb=Verb.CHANGE_INTERVENTIONS,
            object_type="intervention_type",
            service_id=service.pk,
            object_id=intervention.pk,
            detail={"code": intervention.code, "offered": offered},
        )
