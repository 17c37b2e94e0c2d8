"""Pages that belong to no domain: home, language, health, static content, errors."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET

from ecm.accounts.models import User
from ecm.accounts.services import set_language_preference
from ecm.core import access, plugins
from ecm.core.language import set_language_cookie


def home(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    return render(
        request,
        "core/home.html",
        {
            "memberships": actor.memberships,
            "reads_children": actor.has_any(access.CHILD_RECORD_READERS),
            "edits_children": actor.has_any(access.CHILD_RECORD_EDITORS),
            "oversees": actor.has_any(access.CASELOAD_OVERSEERS),
            "reads_figures": actor.has_any(access.FIGURES_READERS),
            "administers": actor.has_any(access.SERVICE_ADMINISTRATORS),
            "shares_with_agency": actor.has_any(access.PARTNER_ROLES),
            "sections": [
                section
                for module in plugins.app_modules("home")
                if (section := module.section(actor)) is not None
            ],
        },
    )


@login_not_required
@require_GET
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Sets the interface language from a plain link, so it works without JavaScript."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(code) and code in dict(settings.LANGUAGES):
        set_language_cookie(response, code)
        user = request.user
        if isinstance(user, User) and user.language != code:
            set_language_preference(user=user, language=code)
    return response


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_not_required
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@login_not_required
def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pong", content_type="text/plain")


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(
        request,
        template,
        {"reference": getattr(request, "request_id", "")},
        status=status,
    )


@login_not_required
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/404.html", 404)


@login_not_required
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/403.html", 403)


@login_not_required
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "core/400.html", 400)


@login_not_required
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may be the database itself.
    html = loader.get_template("core/500.html").render(
        {"reference": getattr(request, "request_id", ""), "service_name": settings.SERVICE_NAME}
    )
    return HttpResponse(html, status=500)


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, "core/403_csrf.html", 403)
