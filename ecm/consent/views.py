"""Consent and the people around a child: the consent page, recording and
withdrawing consent, family and carers (with conflict protection), and the
printable documents."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ecm.audit.models import Verb
from ecm.children.models import Child
from ecm.consent import documents, queries, services
from ecm.consent.forms import ConsentForm, RelatedPersonForm, WithdrawForm
from ecm.core import access, conflicts


def _editable_child(request: HttpRequest, child_id: int, page: str, verb: Verb) -> Child:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, verb=verb, page=page)
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    return child


def consent_index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    picture = queries.consent_page(actor, child_id)
    return render(
        request,
        "consent/index.html",
        {
            "picture": picture,
            "child": picture.child,
            "can_edit": access.can_edit_children_in(actor, picture.child.service_id),
        },
    )


def consent_record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _editable_child(request, child_id, "record-consent", Verb.VIEW_CONSENTS)
    people = queries.people_of(child)
    if request.method != "POST":
        form = ConsentForm(initial={"submission": uuid.uuid4()}, child=child, people=people)
        return render(request, "consent/record.html", {"form": form, "child": child})
    form = ConsentForm(request.POST, child=child, people=people)
    if not form.is_valid():
        return render(request, "consent/record.html", {"form": form, "child": child})
    data = form.cleaned_data
    services.record_consent(
        actor=access.actor_for(request),
        child=child,
        person=form.chosen_person(),
        purpose=data["purpose"],
        agencies=data["agencies"],
        reminder_channels=data["reminder_channels"],
        method=data["method"],
        witness_name=data["witness_name"],
        understanding_note=data["understanding_note"],
        language_explained=data["language_explained"],
        given_on=data["given_on"],
        review_on=data["review_on"],
        submission=data["submission"],
    )
    messages.success(request, _("The consent has been recorded"))
    return redirect("consent:index", child_id=child.pk)


def consent_withdraw(request: HttpRequest, child_id: int, consent_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    consent = queries.get_consent(actor, child_id, consent_id)
    if not access.can_edit_children_in(actor, consent.child.service_id):
        raise PermissionDenied
    context: dict[str, Any] = {"consent": consent, "child": consent.child}
    if consent.withdrawn_on is not None:
        return render(request, "consent/withdraw.html", context)
    form = WithdrawForm(request.POST or None, consent=consent)
    context["form"] = form
    if request.method != "POST" or not form.is_valid():
        return render(request, "consent/withdraw.html", context)
    try:
        services.withdraw_consent(
            actor=actor,
            consent=consent,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            note=form.cleaned_data["note"],
        )
    except services.AlreadyWithdrawn as clash:
        # Someone recorded the withdrawal first: show theirs, keep what was typed.
        context.update(consent=clash.current, clash=True)
        return render(request, "consent/withdraw.html", context, status=409)
    messages.success(
        request, _("The withdrawal has been recorded: what the consent allowed has stopped")
    )
    return redirect("consent:index", child_id=consent.child_id)


def family(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child, people = queries.family(actor, child_id)
    return render(
        request,
        "consent/family.html",
        {
            "child": child,
            "people": people,
            "can_edit": access.can_edit_children_in(actor, child.service_id),
        },
    )


def person_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = _editable_child(request, child_id, "add-person", Verb.VIEW_FAMILY)
    if request.method != "POST":
        form = RelatedPersonForm(initial=RelatedPersonForm.new_initial())
        return render(request, "consent/person_form.html", {"form": form, "child": child})
    form = RelatedPersonForm(request.POST)
    if not form.is_valid():
        return render(request, "consent/person_form.html", {"form": form, "child": child})
    services.add_related_person(
        actor=access.actor_for(request),
        child=child,
        data=form.cleaned_data,
        submission=form.cleaned_data["submission"],
    )
    messages.success(request, _("The person has been added"))
    return redirect("consent:family", child_id=child.pk)


def person_change(request: HttpRequest, child_id: int, person_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    person = queries.get_person(actor, child_id, person_id)
    child = person.child
    if not access.can_edit_children_in(actor, child.service_id):
        raise PermissionDenied
    context: dict[str, Any] = {"child": child, "person": person}
    if request.method != "POST":
        context["form"] = RelatedPersonForm(initial=RelatedPersonForm.initial_for(person))
        return render(request, "consent/person_form.html", context)
    form = RelatedPersonForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "consent/person_form.html", context)
    try:
        services.update_related_person(
            actor=actor,
            person=person,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"] or 0,
        )
    except services.EditConflict as conflict:
        rows = conflicts.differences(form, conflict.current, services.PERSON_FIELDS)
        form = RelatedPersonForm(conflicts.resubmission(request.POST, conflict.current.version))
        form.is_valid()
        context.update(form=form, conflict=rows)
        return render(request, "consent/person_form.html", context, status=409)
    messages.success(request, _("The person's details have been updated"))
    return redirect("consent:family", child_id=child.pk)


def _document(request: HttpRequest, child_id: int, kind: str) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, verb=Verb.DOWNLOAD_CONSENT_DOCUMENT, page=kind)
    response = HttpResponse(documents.render_pdf(kind, child), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}.pdf"'
    return response


def consent_form_pdf(request: HttpRequest, child_id: int) -> HttpResponse:
    return _document(request, child_id, documents.CONSENT_FORM)


def information_sheet_pdf(request: HttpRequest, child_id: int) -> HttpResponse:
    return _document(request, child_id, documents.INFORMATION_SHEET)
