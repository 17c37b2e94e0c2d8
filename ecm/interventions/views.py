"""Service administrators keep their service's intervention catalogue: switch shipped
types off or on, and add and change their own."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.core import access
from ecm.interventions import queries, services
from ecm.interventions.forms import InterventionForm
from ecm.organisations.models import Service
from ecm.organisations.queries import administered_services


def _service(request: HttpRequest) -> tuple[access.Actor, Service]:
    actor = access.actor_for(request)
    administered = administered_services(actor)
    if not administered:
        raise PermissionDenied
    return actor, administered[0]


def catalogue(request: HttpRequest) -> HttpResponse:
    _actor, service = _service(request)
    return render(
        request,
        "interventions/catalogue.html",
        {"service": service, "rows": queries.catalogue_for(service)},
    )


def add(request: HttpRequest) -> HttpResponse:
    actor, service = _service(request)
    form = InterventionForm(request.POST if request.method == "POST" else None, service=service)
    if form.is_valid():
        services.add_type(
            actor=actor, service=service, code=form.cleaned_data["code"], values=form.values()
        )
        messages.success(request, _("The intervention has been added to your service's catalogue"))
        return redirect("interventions:catalogue")
    return render(request, "interventions/form.html", {"form": form, "service": service})


def change(request: HttpRequest, intervention_id: int) -> HttpResponse:
    actor, service = _service(request)
    intervention = queries.get_type(service, intervention_id)
    if intervention.service_id != service.pk:
        raise PermissionDenied
    context: dict[str, Any] = {"service": service, "intervention": intervention}
    if request.method != "POST":
        form = InterventionForm(
            initial=InterventionForm.initial_for(intervention),
            service=service,
            editing=intervention,
        )
        return render(request, "interventions/form.html", {**context, "form": form})
    form = InterventionForm(request.POST, service=service, editing=intervention)
    if not form.is_valid():
        return render(request, "interventions/form.html", {**context, "form": form})
    try:
        services.update_type(
            actor=actor,
            service=service,
            intervention=intervention,
            values=form.values(),
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.InterventionConflict as conflict:
        data = request.POST.copy()
        data["version"] = str(conflict.current.version)
        form = InterventionForm(data, service=service, editing=intervention)
        form.is_valid()
        context.update(form=form, conflict=True, current=conflict.current)
        return render(request, "interventions/form.html", context, status=409)
    messages.success(request, _("The intervention has been saved"))
    return redirect("interventions:catalogue")


@require_POST
def switch(request: HttpRequest, intervention_id: int) -> HttpResponse:
    actor, service = _service(request)
    intervention = queries.get_type(service, intervention_id)
    offered = request.POST.get("offered") == "yes"
    services.set_offered(actor=actor, service=service, intervention=intervention, offered=offered)
    if offered:
        messages.success(request, _("%(name)s is offered again") % {"name": intervention.name})
    else:
        messages.success(request, _("%(name)s is no longer offered") % {"name": intervention.name})
    return redirect("interventions:catalogue")
