"""Formulation meetings: a child's meetings, scheduling and inviting, answering an
invitation, the day itself (attendance, notes, actions, the agreed tier), the meeting
pack, and attendance over time for managers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ecm.core import access
from ecm.core.access import Actor
from ecm.episodes.models import ENDED_STAGES, Episode
from ecm.meetings import attendance, pack, queries, services
from ecm.meetings.forms import ActionForm, AnswerForm, InviteForm, RecordForm, ScheduleForm
from ecm.meetings.models import FormulationMeeting, MeetingAction, MeetingStatus
from ecm.trm.forms import TierChoiceForm
from ecm.trm.services import AlreadyAgreed, record_tier


def _open_episode(child_id: int) -> Episode | None:
    return Episode.objects.filter(child_id=child_id).exclude(stage__in=ENDED_STAGES).first()


def _permissions(actor: Actor, meeting: FormulationMeeting) -> dict[str, bool]:
    scheduled = meeting.status == MeetingStatus.SCHEDULED
    organises = queries.can_organise(actor, meeting)
    records = queries.can_record(actor, meeting) and meeting.status != MeetingStatus.CANCELLED
    return {
        "can_invite": organises and scheduled,
        "can_cancel": organises and scheduled,
        "can_record": records,
    }


def _recording(
    request: HttpRequest, meeting_id: int, page: str
) -> tuple[Actor, FormulationMeeting]:
    actor = access.actor_for(request)
    meeting = queries.meeting_for(actor, meeting_id, page=page)
    if not queries.can_record(actor, meeting) or meeting.status == MeetingStatus.CANCELLED:
        raise PermissionDenied
    return actor, meeting


def child_meetings(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="list")
    return render(
        request,
        "meetings/child_meetings.html",
        {
            "child": child,
            "meetings": queries.meetings_of(child),
            "can_schedule": access.can_schedule_meetings_in(actor, child.service_id),
        },
    )


def schedule(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="schedule")
    if not access.can_schedule_meetings_in(actor, child.service_id):
        raise PermissionDenied
    episode = _open_episode(child.pk)
    initial: dict[str, Any] = {"link_episode": True}
    if access.MEETING_CHAIRS & actor.roles_in(child.service_id):
        initial["chair"] = actor.user.pk
    posted = request.POST if request.method == "POST" else None
    form = ScheduleForm(posted, initial=initial, child=child, has_episode=episode is not None)
    if form.is_valid():
        data = form.cleaned_data
        meeting = services.schedule_meeting(
            actor=actor,
            child=child,
            starts_at=data["starts_at"],
            place=data["place"],
            online=data["online"],
            chair=data["chair"],
            episode=episode if data.get("link_episode") else None,
            agencies=data["agencies"],
            people=data["people"],
            names=data["others"],
            submission=data["submission"],
        )
        messages.success(request, _("The meeting has been scheduled"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(
        request, "meetings/schedule.html", {"child": child, "form": form, "episode": episode}
    )


def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    meeting = queries.meeting_for(actor, meeting_id, page="detail")
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "child": meeting.child,
            "picture": queries.picture(meeting),
            **_permissions(actor, meeting),
        },
    )


def invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    meeting = queries.meeting_for(actor, meeting_id, page="invite")
    if not _permissions(actor, meeting)["can_invite"]:
        raise PermissionDenied
    form = InviteForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        services.invite(
            actor=actor,
            meeting=meeting,
            agencies=data["agencies"],
            people=data["people"],
            names=data["others"],
        )
        messages.success(request, _("The invitations have been added"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(
        request, "meetings/invite.html", {"meeting": meeting, "child": meeting.child, "form": form}
    )


def invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    found = queries.invitation_for(actor, invitation_id)
    if not (found.own or found.on_behalf):
        raise PermissionDenied
    invited = found.invitation
    meeting = invited.meeting
    open_to_answers = meeting.status == MeetingStatus.SCHEDULED
    label = "" if found.own else invited.label
    form = AnswerForm(
        request.POST if request.method == "POST" and open_to_answers else None,
        initial={"response": invited.response},
        on_behalf=label,
    )
    if form.is_valid():
        services.answer_invitation(
            actor=actor,
            invitation=invited,
            response=form.cleaned_data["response"],
            own=found.own,
            on_behalf=found.on_behalf,
        )
        messages.success(request, _("Thank you: the answer has been saved"))
        if found.own and not access.can_read_children_in(actor, meeting.child.service_id):
            return redirect("meetings:invitation", invitation_id=invited.pk)
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/invitation.html",
        {
            "invitation": invited,
            "meeting": meeting,
            "child": meeting.child,
            "form": form,
            "own": found.own,
            "open": open_to_answers,
            "staff": access.can_read_children_in(actor, meeting.child.service_id),
        },
    )


def record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor, meeting = _recording(request, meeting_id, "record")
    invitations = queries.invitations_of(meeting)
    context: dict[str, Any] = {"meeting": meeting, "child": meeting.child}
    if request.method != "POST":
        form = RecordForm(
            initial=RecordForm.initial_for(meeting, invitations),
            meeting=meeting,
            invitations=invitations,
        )
        return render(request, "meetings/record.html", {**context, "form": form})
    held = "held" in request.POST or meeting.status == MeetingStatus.HELD
    form = RecordForm(request.POST, meeting=meeting, invitations=invitations, held=held)
    if not form.is_valid():
        return render(request, "meetings/record.html", {**context, "form": form})
    try:
        services.record_meeting(
            actor=actor,
            meeting=meeting,
            attendance=form.attendance(),
            notes=form.cleaned_data["notes"],
            welsh_offered=form.welsh(),
            language_used=form.cleaned_data["language_used"],
            held=held,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.MeetingConflict as conflict:
        data = request.POST.copy()
        data["version"] = str(conflict.current.version)
        form = RecordForm(data, meeting=meeting, invitations=invitations, held=held)
        form.is_valid()
        context.update(form=form, conflict=True)
        return render(request, "meetings/record.html", context, status=409)
    except services.NotScheduled:
        messages.error(request, _("The meeting was cancelled, so it can no longer be recorded"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    if held:
        messages.success(request, _("The meeting has been recorded as held"))
    else:
        messages.success(request, _("The meeting record has been saved"))
    return redirect("meetings:detail", meeting_id=meeting.pk)


def action_add(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor, meeting = _recording(request, meeting_id, "action")
    form = ActionForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if form.is_valid():
        services.add_action(
            actor=actor,
            meeting=meeting,
            description=form.cleaned_data["description"],
            owner=form.cleaned_data["owner"],
            owner_name=form.cleaned_data["owner_name"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("The action has been added"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/action_form.html",
        {"meeting": meeting, "child": meeting.child, "form": form},
    )


@require_POST
def action_done(request: HttpRequest, meeting_id: int, action_id: int) -> HttpResponse:
    actor, meeting = _recording(request, meeting_id, "action done")
    action = MeetingAction.objects.filter(meeting=meeting, pk=action_id).first()
    if action is None:
        raise queries.refuse(actor, meeting.child_id, "meeting action")
    action.meeting = meeting
    services.mark_action_done(actor=actor, action=action, done=request.POST.get("done") == "yes")
    messages.success(request, _("The action has been updated"))
    return redirect("meetings:detail", meeting_id=meeting.pk)


def tier(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor, meeting = _recording(request, meeting_id, "tier")
    agreed = queries.agreed_tier(meeting)
    context: dict[str, Any] = {"meeting": meeting, "child": meeting.child, "agreed": agreed}
    form = TierChoiceForm(request.POST if request.method == "POST" and not agreed else None)
    if form.is_valid():
        try:
            record_tier(
                actor=actor,
                child=meeting.child,
                tier=form.cleaned_data["tier"],
                assessed_on=timezone.localtime(meeting.starts_at).date(),
                evidence=form.cleaned_data["evidence"],
                meeting=meeting,
                submission=form.cleaned_data["submission"],
            )
        except AlreadyAgreed:
            messages.error(request, _("The tier agreed at this meeting was recorded already"))
            return redirect("meetings:detail", meeting_id=meeting.pk)
        messages.success(request, _("The tier agreed at the meeting has been recorded"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/tier.html", {**context, "form": form})


def cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    meeting = queries.meeting_for(actor, meeting_id, page="cancel")
    if not _permissions(actor, meeting)["can_cancel"]:
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.cancel_meeting(actor=actor, meeting=meeting)
        except services.NotScheduled:
            messages.error(request, _("The meeting is no longer scheduled"))
        else:
            messages.success(request, _("The meeting has been cancelled"))
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/cancel.html", {"meeting": meeting, "child": meeting.child})


def pack_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    meeting, reader = queries.pack_for(actor, meeting_id)
    response = HttpResponse(pack.render_pdf(meeting, reader), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="meeting-pack.pdf"'
    return response


def attendance_over_time(request: HttpRequest) -> HttpResponse:
    actor = access.actor_for(request)
    if not actor.has_any(access.CASELOAD_OVERSEERS):
        raise PermissionDenied
    services_attendance = attendance.attendance_for(actor)
    return render(
        request,
        "meetings/attendance.html",
        {
            "services": [
                {
                    "attendance": item,
                    "chart": attendance.chart_data_uri(item),
                    "alt": attendance.chart_alt(item),
                    "size": attendance.chart_size(item),
                }
                for item in services_attendance
            ]
        },
    )
