"""The child's and family's voice: everything said so far, one record at a time,
and recording what the child or a carer says now."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.voice import queries, services
from ecm.voice.forms import CHILD, VoiceForm
from ecm.voice.models import ANSWER_FIELDS


def voice_index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    picture = queries.voice_page(actor, child_id)
    return render(
        request,
        "voice/index.html",
        {
            "picture": picture,
            "child": picture.child,
            "can_record": access.can_contribute_to_formulation_in(actor, picture.child.service_id),
        },
    )


def voice_record(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="record-voice")
    if not access.can_contribute_to_formulation_in(actor, child.service_id):
        raise PermissionDenied
    people = queries.people_of(child)
    if request.method != "POST":
        chosen = request.GET.get("person", CHILD)
        if chosen not in {CHILD, *(str(p.pk) for p in people)}:
            chosen = CHILD
        form = VoiceForm(
            initial=VoiceForm.new_initial(actor.user, chosen), child=child, people=people
        )
        return render(request, "voice/record.html", {"form": form, "child": child})
    form = VoiceForm(request.POST, child=child, people=people)
    if not form.is_valid():
        return render(request, "voice/record.html", {"form": form, "child": child})
    data = form.cleaned_data
    person = form.chosen_person()
    services.record_voice(
        actor=actor,
        child=child,
        person=person,
        answers={name: data[name] for name in ANSWER_FIELDS},
        how=data["how"],
        how_other=data["how_other"],
        recorded_on=data["recorded_on"],
        recorded_with=data["recorded_with"],
        submission=data["submission"],
    )
    if person is None:
        messages.success(request, _("The child's words have been recorded"))
    else:
        messages.success(
            request, _("%(name)s's words have been recorded") % {"name": person.full_name}
        )
    return redirect("voice:index", child_id=child.pk)


def voice_version(request: HttpRequest, child_id: int, record_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    record = queries.get_record(actor, child_id, record_id)
    return render(request, "voice/version.html", {"record": record, "child": record.child})
