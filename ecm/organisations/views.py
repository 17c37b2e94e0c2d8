"""Service administrators manage their own service's people, teams, agencies and settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.children.models import Gender, LanguagePreference
from ecm.core import access, conflicts
from ecm.organisations import queries, services
from ecm.organisations.forms import (
    AddPersonForm,
    AgencyForm,
    ChangeMembershipForm,
    ServiceSettingsForm,
    TeamForm,
)
from ecm.organisations.models import SERVICE_SETTINGS, Role, Service


def _admin_service(request: HttpRequest) -> Service:
    services_ = queries.administered_services(access.actor_for(request))
    if not services_:
        raise PermissionDenied
    return services_[0]


def people(request: HttpRequest) -> HttpResponse:
    service = _admin_service(request)
    memberships = queries.memberships_in(access.actor_for(request)).order_by(
        "-is_active", "user__full_name"
    )
    return render(
        request, "organisations/people.html", {"service": service, "memberships": memberships}
    )


def person_add(request: HttpRequest) -> HttpResponse:
    service = _admin_service(request)
    form = AddPersonForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_person(
            actor=access.actor_for(request),
            service=service,
            request=request,
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            language=data["language"],
            role=Role(data["role"]),
            team=data["team"],
            agency=data["agency"],
        )
        messages.success(
            request, _("The person has been added and sent a link to set their password")
        )
        return redirect("organisations:people")
    return render(request, "organisations/person_add.html", {"form": form, "service": service})


def person_change(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    membership = queries.get_membership(actor, membership_id)
    initial = {
        "role": membership.role,
        "team": membership.team,
        "agency": membership.agency,
        "is_active": membership.is_active,
    }
    form = ChangeMembershipForm(request.POST or None, initial=initial, service=membership.service)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.change_membership(
            actor=actor,
            membership=membership,
            role=Role(data["role"]),
            team=data["team"],
            agency=data["agency"],
            is_active=data["is_active"],
        )
        messages.success(request, _("The person's access has been updated"))
        return redirect("organisations:people")
    return render(
        request, "organisations/person_change.html", {"form": form, "membership": membership}
    )


@require_POST
def person_reset_mfa(request: HttpRequest, membership_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    membership = queries.get_membership(actor, membership_id)
    services.reset_second_factor(actor=actor, membership=membership)
    messages.success(
        request,
        _("The person will set up a new authenticator app the next time they sign in"),
    )
    return redirect("organisations:person-change", membership_id=membership.pk)


def teams(request: HttpRequest) -> HttpResponse:
    service = _admin_service(request)
    actor = access.actor_for(request)
    return render(
        request,
        "organisations/teams.html",
        {
            "service": service,
            "teams": queries.teams_in(actor),
            "agencies": queries.agencies_in(actor),
        },
    )


def team_add(request: HttpRequest) -> HttpResponse:
    service = _admin_service(request)
    form = TeamForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        services.create_team(
            actor=access.actor_for(request), service=service, name=form.cleaned_data["name"]
        )
        messages.success(request, _("The team has been added"))
        return redirect("organisations:teams")
    return render(request, "organisations/team_form.html", {"form": form})


def team_change(request: HttpRequest, team_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    team = queries.get_team(actor, team_id)
    form = TeamForm(
        request.POST or None, initial={"name": team.name}, service=team.service, team=team
    )
    if request.method == "POST" and form.is_valid():
        services.rename_team(actor=actor, team=team, name=form.cleaned_data["name"])
        messages.success(request, _("The team has been renamed"))
        return redirect("organisations:teams")
    return render(request, "organisations/team_form.html", {"form": form, "team": team})


def agency_add(request: HttpRequest) -> HttpResponse:
    service = _admin_service(request)
    form = AgencyForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        services.create_agency(
            actor=access.actor_for(request),
            service=service,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
        )
        messages.success(request, _("The partner agency has been added"))
        return redirect("organisations:teams")
    return render(request, "organisations/agency_form.html", {"form": form})


def service_settings(request: HttpRequest) -> HttpResponse:
    """The choices the service makes for itself: sign-offs, referrals, consent age and
    the review cadence of voluntary engagement."""
    actor = access.actor_for(request)
    service = queries.get_service(actor, _admin_service(request).pk)
    context: dict[str, object] = {"service": service, "conflict": None}
    if request.method != "POST":
        context["form"] = ServiceSettingsForm(initial=ServiceSettingsForm.initial_for(service))
        return render(request, "organisations/settings.html", context)
    form = ServiceSettingsForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "organisations/settings.html", context)
    try:
        services.change_settings(
            actor=actor,
            service=service,
            values=form.cleaned_data,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.SettingsConflict as conflict:
        context["conflict"] = conflicts.differences(form, conflict.current, SERVICE_SETTINGS)
        form = ServiceSettingsForm(
            conflicts.resubmission(request.POST, conflict.current.settings_version)
        )
        form.is_valid()
        context["form"] = form
        return render(request, "organisations/settings.html", context, status=409)
    messages.success(request, _("The service's settings have been saved"))
    return redirect("organisations:settings")


def figures(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    if not actor.has_any(access.FIGURES_READERS):
        raise PermissionDenied
    languages = dict(LanguagePreference.choices)
    genders = dict(Gender.choices)
    rows = queries.service_figures(actor)
    for row in rows:
        row["by_language"] = [
            (languages.get(r["language_preference"], r["language_preference"]), r["n"])
            for r in row["by_language"]  # type: ignore[attr-defined]
        ]
        row["by_gender"] = [
            (genders.get(r["gender"], r["gender"]), r["n"])
            for r in row["by_gender"]  # type: ignore[attr-defined]
        ]
    return render(request, "organisations/figures.html", {"rows": rows})
