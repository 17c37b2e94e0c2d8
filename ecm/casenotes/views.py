"""Case notes (list, add, change a draft, correct a final note, history) and the child's
activity list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.casenotes import queries, services
from ecm.casenotes.forms import NoteForm
from ecm.casenotes.models import CaseNote, NoteKind
from ecm.children.models import Child
from ecm.core import access, conflicts
from ecm.core.access import Actor
from ecm.transitions.queries import phase_label


def _writable_child(actor: Actor, child_id: int, page: str) -> Child:
    child = queries.child_for(actor, child_id, verb=Verb.VIEW_CASE_NOTES, page=page)
    if not access.can_write_case_notes_in(actor, child.service_id):
        raise PermissionDenied
    return child


def notes(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    kind = request.GET.get("kind", "")
    if kind not in NoteKind.values:
        kind = ""
    page = queries.notes_page(actor, child_id, kind=kind)
    return render(
        request,
        "casenotes/notes.html",
        {
            "child": page.child,
            "notes": page.notes,
            "kinds": NoteKind.choices,
            "kind": kind,
            "can_write": access.can_write_case_notes_in(actor, page.child.service_id),
        },
    )


def _saved_message(request: HttpRequest, note: CaseNote) -> None:
    if note.is_final:
        messages.success(request, _("The note has been saved as final"))
    else:
        messages.success(request, _("The note has been saved as a draft: only you can read it"))


def _add(request: HttpRequest, child: Child, corrects: CaseNote | None) -> HttpResponse:
    actor = access.actor_for(request)
    context: dict[str, Any] = {"child": child, "corrects": corrects}
    if request.method != "POST":
        initial = NoteForm.new_initial()
        if corrects is not None:
            initial.update(
                kind=corrects.kind,
                noted_on=corrects.noted_on,
                title=corrects.title,
                text=corrects.text,
                visibility=corrects.visibility,
            )
        context["form"] = NoteForm(initial=initial, child=child)
        return render(request, "casenotes/note_form.html", context)
    form = NoteForm(request.POST, child=child)
    context["form"] = form
    if not form.is_valid():
        return render(request, "casenotes/note_form.html", context)
    note = services.record_note(
        actor=actor,
        child=child,
        data=form.cleaned_data,
        final=form.final,
        corrects=corrects,
        submission=form.cleaned_data["submission"],
    )
    _saved_message(request, note)
    return redirect("casenotes:detail", child_id=child.pk, note_id=note.pk)


def note_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _writable_child(access.actor_for(request), child_id, "add-note")
    return _add(request, child, None)


def note_correct(request: HttpRequest, child_id: int, note_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    note = queries.get_note(actor, child_id, note_id)
    if not access.can_write_case_notes_in(actor, note.child.service_id):
        raise PermissionDenied
    if not note.is_final:
        return redirect("casenotes:change", child_id=note.child_id, note_id=note.pk)
    return _add(request, note.child, note)


def note_detail(request: HttpRequest, child_id: int, note_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    note = queries.get_note(actor, child_id, note_id)
    writes = access.can_write_case_notes_in(actor, note.child.service_id)
    return render(
        request,
        "casenotes/detail.html",
        {
            "child": note.child,
            "note": note,
            "versions": queries.versions_of(note),
            "corrections": [c for c in note.corrections.all() if c.is_final],
            "can_change": writes and not note.is_final and note.author_id == actor.id,
            "can_correct": writes and note.is_final,
        },
    )


def note_change(request: HttpRequest, child_id: int, note_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    note = queries.get_note(actor, child_id, note_id)
    child = note.child
    if not access.can_write_case_notes_in(actor, child.service_id) or note.author_id != actor.id:
        raise PermissionDenied
    context: dict[str, Any] = {"child": child, "note": note}
    if note.is_final:
        return render(request, "casenotes/final.html", context)
    if request.method != "POST":
        context["form"] = NoteForm(initial=NoteForm.initial_for(note), child=child)
        return render(request, "casenotes/note_form.html", context)
    form = NoteForm(request.POST, child=child)
    context["form"] = form
    if not form.is_valid():
        return render(request, "casenotes/note_form.html", context)
    try:
        saved = services.save_draft(
            actor=actor,
            note=note,
            data=form.cleaned_data,
            final=form.final,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.AlreadyFinal as clash:
        context.update(note=clash.current, clash=True)
        return render(request, "casenotes/final.html", context, status=409)
    except services.EditConflict as conflict:
        rows = conflicts.differences(form, conflict.current, services.NOTE_FIELDS)
        form = NoteForm(conflicts.resubmission(request.POST, conflict.current.version), child=child)
        form.is_valid()
        context.update(form=form, conflict=rows)
        return render(request, "casenotes/note_form.html", context, status=409)
    _saved_message(request, saved)
    return redirect("casenotes:detail", child_id=child.pk, note_id=saved.pk)


def activity(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    result = queries.activity(actor, child_id, kind=request.GET.get("kind", ""))
    return render(
        request,
        "casenotes/activity.html",
        {
            "child": result.child,
            "activity": result,
            "rows": [{"item": item, "dated_only": _dated_only(item.when)} for item in result.items],
            "phase": phase_label(result.child),
        },
    )


def _dated_only(when: Any) -> bool:
    """Things recorded by date alone are shown without a time (midnight, local time)."""
    local = timezone.localtime(when)
    return bool(local.hour == 0 and local.minute == 0 and local.second == 0)
