"""Developmental mapping: the latest mapping against the child's age, change across
mappings, one mapping at a time, and recording a new mapping."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.development import queries, services
from ecm.development.forms import MappingForm


def development_index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    picture = queries.development_page(actor, child_id)
    return render(
        request,
        "development/index.html",
        {
            "picture": picture,
            "child": picture.child,
            "can_record": access.can_contribute_to_formulation_in(actor, picture.child.service_id),
        },
    )


def mapping_record(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="record-mapping")
    if not access.can_contribute_to_formulation_in(actor, child.service_id):
        raise PermissionDenied
    if request.method != "POST":
        form = MappingForm(initial=MappingForm.new_initial(), child=child)
        return render(request, "development/record.html", {"form": form, "child": child})
    form = MappingForm(request.POST, child=child)
    if not form.is_valid():
        return render(request, "development/record.html", {"form": form, "child": child})
    services.record_mapping(
        actor=actor,
        child=child,
        mapped_on=form.cleaned_data["mapped_on"],
        estimates=form.estimates(),
        notes=form.cleaned_data["notes"],
        submission=form.cleaned_data["submission"],
    )
    messages.success(request, _("The developmental mapping has been recorded"))
    return redirect("development:index", child_id=child.pk)


def mapping_detail(request: HttpRequest, child_id: int, mapping_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    view = queries.get_mapping(actor, child_id, mapping_id)
    return render(request, "development/mapping.html", {"view": view, "child": view.mapping.child})
