"""Children's records: caseload views, adding a child (after a duplicate check),
the overview page and editing with conflict protection."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.children import queries, services
from ecm.children.forms import ChildForm, DuplicateCheckForm
from ecm.children.models import Child
from ecm.core import access, conflicts, plugins
from ecm.organisations.models import Service

SEARCH_KEY = "children_search"


def child_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    # Partner agency workers see only the children shared with their agency.
    shared_only = not actor.has_any(access.CHILD_RECORD_READERS)
    if shared_only and not actor.has_any(access.PARTNER_ROLES):
        raise PermissionDenied
    if request.method == "POST":
        # Search terms are names: kept in the session, never in the address.
        request.session[SEARCH_KEY] = request.POST.get("search", "")[:100]
        return redirect(f"{request.path}?scope={request.POST.get('scope', '')}")
    scope = request.GET.get("scope", "")
    if scope not in queries.SCOPES:
        scope = queries.default_scope(actor)
    if shared_only:
        scope = "service"
    sort = request.GET.get("sort", "name")
    if sort not in queries.SORTS:
        sort = "name"
    result = queries.caseload(
        actor,
        scope=scope,
        sort=sort,
        search=request.session.get(SEARCH_KEY, ""),
        page_number=request.GET.get("page", 1),
    )
    return render(
        request,
        "children/list.html",
        {
            "result": result,
            "today": timezone.localdate(),
            "oversees": actor.has_any(access.CASELOAD_OVERSEERS),
            "edits": actor.has_any(access.CHILD_RECORD_EDITORS),
            "shared_only": shared_only,
            "scopes": [("service", _("Children shared with you"))]
            if shared_only
            else [
                ("mine", _("My children")),
                ("team", _("My team")),
                ("service", _("Whole service")),
            ],
        },
    )


def _service_for_new_child(request: HttpRequest) -> Service:
    actor = access.actor_for(request)
    for membership in actor.memberships:
        if access.can_edit_children_in(actor, membership.service_id):
            return membership.service
    raise PermissionDenied


def child_new(request: HttpRequest) -> HttpResponse:
    """Three steps in one address: check for duplicates, see matches, enter details."""
    service = _service_for_new_child(request)
    actor = access.actor_for(request)
    stage = request.POST.get("stage", "check") if request.method == "POST" else "check"
    if stage == "details":
        form = ChildForm(request.POST, service=service)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            child = services.create_child(actor=actor, service=service, data=data)
            messages.success(request, _("The child's record has been created"))
            return redirect("children:detail", child_id=child.pk)
        return render(request, "children/form.html", {"form": form, "creating": True})
    check = DuplicateCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and check.is_valid():
        matches = queries.possible_duplicates(actor, **check.cleaned_data)
        if stage == "continue" or not matches:
            form = ChildForm(
                initial={**check.cleaned_data, "case_manager": request.user.pk}, service=service
            )
            return render(request, "children/form.html", {"form": form, "creating": True})
        return render(
            request,
            "children/duplicates.html",
            {"check": check, "matches": matches, "today": timezone.localdate()},
        )
    return render(request, "children/check.html", {"form": check})


def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.get_child(actor, child_id, include_shared=True)
    # A partner agency worker sees a shared child's key facts, then only links to what is
    # shared with their agency (each app's partner.py), none of the record's sections.
    reads_record = access.can_read_children_in(actor, child.service_id)
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "age": child.age_on(timezone.localdate()),
            "can_edit": access.can_edit_children_in(actor, child.service_id),
            "reads_record": reads_record,
            "sections": _sections("overview", actor, child) if reads_record else [],
            "partner_sections": [] if reads_record else _sections("partner", actor, child),
        },
    )


def _sections(name: str, actor: access.Actor, child: Child) -> list[plugins.Section]:
    """Every app's `<name>.section(actor, child)` that has something to show, by weight."""
    return sorted(
        (
            section
            for module in plugins.app_modules(name)
            if (section := module.section(actor, child)) is not None
        ),
        key=lambda section: section.weight,
    )


def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.get_child(actor, child_id)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    if request.method != "POST":
        form = ChildForm(initial=ChildForm.initial_for(child), service=child.service, child=child)
        return render(request, "children/form.html", {"form": form, "child": child})
    form = ChildForm(request.POST, service=child.service, child=child)
    if not form.is_valid():
        return render(request, "children/form.html", {"form": form, "child": child})
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.update_child(
            actor=actor,
            child=child,
            data=data,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.EditConflict as conflict:
        rows = conflicts.differences(form, conflict.current, services.EDITABLE_FIELDS)
        values = conflicts.resubmission(request.POST, conflict.current.version)
        form = ChildForm(values, service=child.service, child=child)
        form.is_valid()
        return render(
            request,
            "children/form.html",
            {"form": form, "child": conflict.current, "conflict": rows},
            status=409,
        )
    messages.success(request, _("The child's record has been updated"))
    return redirect("children:detail", child_id=child.pk)
