"""What every page needs: the service name, the person's services and navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ecm.core import access


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    active: bool


def _navigation(request: HttpRequest, actor: access.Actor) -> list[NavItem]:
    items: list[tuple[str, str]] = [(_("Home"), reverse("core:home"))]
    if actor.has_any(access.CHILD_RECORD_READERS | access.PARTNER_ROLES):
        items.append((_("Children"), reverse("children:list")))
    if actor.has_any(access.CASELOAD_OVERSEERS):
        items.append((_("ECM pipeline"), reverse("episodes:pipeline")))
        items.append((_("Meetings"), reverse("meetings:attendance")))
    if actor.has_any(access.FIGURES_READERS):
        items.append((_("Service figures"), reverse("organisations:figures")))
    if actor.has_any(access.SERVICE_ADMINISTRATORS):
        items.append((_("People"), reverse("organisations:people")))
        items.append((_("Teams and agencies"), reverse("organisations:teams")))
        items.append((_("Access log"), reverse("audit:children")))
        items.append((_("Eligibility rules"), reverse("eligibility:rules")))
        items.append((_("Tiers"), reverse("trm:tiers")))
        items.append((_("Interventions"), reverse("interventions:catalogue")))
        items.append((_("Service settings"), reverse("organisations:settings")))
    path = request.path
    home = reverse("core:home")
    return [
        NavItem(label, href, path == href if href == home else path.startswith(href))
        for label, href in items
    ]


def service_context(request: HttpRequest) -> dict[str, object]:
    context: dict[str, object] = {
        "service_name": settings.SERVICE_NAME,
        "language_choices": settings.LANGUAGES,
    }
    if request.user.is_authenticated:
        actor = access.actor_for(request)
        language = get_language()
        services = {m.service_id: m.service for m in actor.memberships}
        context["current_service"] = bool(services)
        context["current_service_name"] = ", ".join(
            s.display_name(language) for s in services.values()
        )
        context["navigation"] = _navigation(request, actor)
    return context
