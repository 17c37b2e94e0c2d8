"""Referral, screening and the ECM episode's stages; the managers' pipeline and funnel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.children import queries as children_queries
from ecm.core import access
from ecm.episodes import charts, queries, services
from ecm.episodes.forms import CloseForm, DecisionForm, MoveForm, ReferralForm
from ecm.episodes.models import NEXT_STAGES, Episode, Stage


def refer(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = children_queries.get_child(actor, child_id)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    form = ReferralForm(
        request.POST or None,
        initial={"referred_on": timezone.localdate(), "source": "case_manager"},
        child=child,
        sources=services.allowed_sources(child),
    )
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.refer(actor=actor, child=child, data=form.cleaned_data)
        except services.StageRuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The referral has been made"))
            return redirect("episodes:detail", episode_id=episode.pk)
    return render(request, "episodes/refer.html", {"form": form, "child": child})


def _detail_context(request: HttpRequest, episode: Episode) -> dict[str, object]:
    actor = access.actor_for(request)
    service_id = episode.child.service_id
    can_move = access.can_edit_children_in(actor, service_id) or access.can_oversee_caseloads_in(
        actor, service_id
    )
    next_stages = [
        (stage, Stage(stage).label)
        for stage in NEXT_STAGES.get(episode.stage, ())
        if stage != Stage.SCREENING or access.can_oversee_caseloads_in(actor, service_id)
    ]
    return {
        "episode": episode,
        "child": episode.child,
        "can_move": can_move and episode.is_open,
        "can_screen": access.can_oversee_caseloads_in(actor, service_id)
        and episode.stage in (Stage.REFERRED, Stage.SCREENING),
        "next_stages": next_stages,
        "earlier": [e for e in queries.episodes_of(episode.child) if e.pk != episode.pk],
    }


def detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = queries.get_episode(access.actor_for(request), episode_id)
    return render(request, "episodes/detail.html", _detail_context(request, episode))


def screen(request: HttpRequest, episode_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    episode = queries.get_episode(actor, episode_id)
    if not access.can_oversee_caseloads_in(actor, episode.child.service_id):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(actor=actor, episode=episode, **form.cleaned_data)
        except services.StageRuleBroken as problem:
            form.add_error("decision", str(problem))
        else:
            messages.success(request, _("The decision has been recorded"))
            return redirect("episodes:detail", episode_id=episode.pk)
    evaluation = services.evaluate(episode, timezone.localdate())
    return render(
        request,
        "episodes/screen.html",
        {"episode": episode, "child": episode.child, "evaluation": evaluation, "form": form},
    )


@require_POST
def move(request: HttpRequest, episode_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    episode = queries.get_episode(actor, episode_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move(
                actor=actor,
                episode=episode,
                to=form.cleaned_data["to"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except services.StageRuleBroken as problem:
            context = _detail_context(request, episode)
            context["move_problem"] = str(problem)
            return render(request, "episodes/detail.html", context, status=409)
        messages.success(request, _("The episode has moved on"))
    return redirect("episodes:detail", episode_id=episode.pk)


def close(request: HttpRequest, episode_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    episode = queries.get_episode(actor, episode_id)
    service_id = episode.child.service_id
    if not (
        access.can_edit_children_in(actor, service_id)
        or access.can_oversee_caseloads_in(actor, service_id)
    ):
        raise PermissionDenied
    form = CloseForm(request.POST or None, initial={"version": episode.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.close(
                actor=actor,
                episode=episode,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except services.StageRuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("The episode has been closed"))
            return redirect("episodes:detail", episode_id=episode.pk)
    return render(
        request, "episodes/close.html", {"episode": episode, "child": episode.child, "form": form}
    )


def _team_filter(request: HttpRequest) -> tuple[int | None, list[tuple[int, str]]]:
    actor = access.actor_for(request)
    if not actor.has_any(access.CASELOAD_OVERSEERS):
        raise PermissionDenied
    from ecm.organisations.models import Team

    teams = list(
        Team.objects.filter(
            service_id__in=actor.service_ids_with(access.CASELOAD_OVERSEERS)
        ).values_list("pk", "name")
    )
    raw = request.GET.get("team", "")
    team_id = int(raw) if raw.isdigit() and int(raw) in {pk for pk, _ in teams} else None
    return team_id, teams


def pipeline(request: HttpRequest) -> HttpResponse:
    team_id, teams = _team_filter(request)
    board = queries.pipeline(access.actor_for(request), team_id=team_id)
    columns = [(Stage(stage).label, cards) for stage, cards in board.items()]
    return render(
        request,
        "episodes/pipeline.html",
        {"columns": columns, "teams": teams, "team_id": team_id},
    )


def funnel(request: HttpRequest) -> HttpResponse:
    team_id, teams = _team_filter(request)
    rows = queries.funnel(access.actor_for(request), team_id=team_id)
    totals = {
        "referrals": sum(r.referrals for r in rows),
        "eligible": sum(r.eligible for r in rows),
        "accepted": sum(r.accepted for r in rows),
        "consented": sum(r.consented for r in rows),
    }
    return render(
        request,
        "episodes/funnel.html",
        {
            "rows": rows,
            "totals": totals,
            "chart": charts.funnel_chart(totals),
            "teams": teams,
            "team_id": team_id,
        },
    )
