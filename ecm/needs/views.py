"""A child's needs: what is recorded, with its evidence, and the checklist to change it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.needs import queries, services
from ecm.needs.forms import NeedsForm


def summary(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    record = queries.needs_for(actor, child_id)
    return render(
        request,
        "needs/summary.html",
        {
            "child": record.child,
            "record": record,
            "can_edit": access.can_edit_children_in(actor, record.child.service_id),
        },
    )


def change(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    record = queries.needs_for(actor, child_id)
    child = record.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    form = NeedsForm(
        request.POST if request.method == "POST" else None,
        need_types=queries.checklist(child),
        recorded=record.needs,
        language=get_language() or "en",
    )
    if form.is_valid():
        saved = services.save_needs(actor=actor, child=child, evidence=form.chosen())
        messages.success(
            request,
            _("The child's needs have been saved") if saved else _("No changes were made"),
        )
        return redirect("needs:summary", child_id=child.pk)
    return render(request, "needs/change.html", {"form": form, "child": child, "rows": form.rows()})
