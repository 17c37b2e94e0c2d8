from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ecm.audit import queries
from ecm.core import access

SEARCH_KEY = "access_log_search"


def children(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    if not actor.has_any(access.ACCESS_LOG_READERS):
        raise PermissionDenied
    if request.method == "POST":
        request.session[SEARCH_KEY] = request.POST.get("search", "")[:100]
        return redirect("audit:children")
    search = request.session.get(SEARCH_KEY, "")
    return render(
        request,
        "audit/children.html",
        {"search": search, "children": queries.children_for_access_log(actor, search)},
    )


def child_log(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child, page = queries.access_log(actor, child_id, request.GET.get("page", 1))
    return render(request, "audit/child_log.html", {"child": child, "page": page})
