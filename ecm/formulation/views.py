"""Formulation reports: the versions of a child's report, starting and revising,
the sections, the recommendations with the sequencing check, submitting and signing
off, what changed between versions, the PDF and .docx, and the partner view."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core import access
from ecm.core.access import Actor
from ecm.core.conflicts import differences
from ecm.formulation import diffs, documents, queries, sequencing, services
from ecm.formulation.docx import render_docx
from ecm.formulation.forms import RecommendationForm, SectionsForm, StartForm
from ecm.formulation.models import SECTION_FIELDS, FormulationReport, Recommendation, ReportStatus
from ecm.meetings.models import FormulationMeeting, MeetingStatus
from ecm.timeline.models import Status, TimelineEvent

APPROVED_IS_FINAL = gettext_lazy(
    "This version can no longer be changed: it has been submitted or approved. "
    "Start a revision to change an approved report."
)


def _detail(report: FormulationReport) -> HttpResponse:
    return redirect("formulation:detail", child_id=report.child_id, report_id=report.pk)


def _writing(
    request: HttpRequest, child_id: int, report_id: int, page: str
) -> tuple[Actor, FormulationReport]:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page=page)
    if not access.can_write_formulation_in(actor, report.child.service_id):
        raise PermissionDenied
    return actor, report


def _permissions(actor: Actor, report: FormulationReport, newest: bool) -> dict[str, bool]:
    service_id = report.child.service_id
    writes = access.can_write_formulation_in(actor, service_id)
    signs = access.can_approve_formulation_in(actor, service_id)
    return {
        "can_edit": writes and report.is_draft,
        "can_submit": writes and report.is_draft,
        "can_approve": signs and report.status == ReportStatus.SUBMITTED,
        "can_revise": writes and newest and report.status == ReportStatus.APPROVED,
    }


def index(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="versions")
    reports = queries.reports_of(child)
    return render(
        request,
        "formulation/index.html",
        {
            "child": child,
            "reports": reports,
            "can_start": not reports and access.can_write_formulation_in(actor, child.service_id),
        },
    )


def start(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    child = queries.child_for(actor, child_id, page="start")
    if not access.can_write_formulation_in(actor, child.service_id):
        raise PermissionDenied
    meetings = FormulationMeeting.objects.filter(child=child, status=MeetingStatus.HELD).order_by(
        "-starts_at"
    )
    form = StartForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if form.is_valid():
        report = services.start_report(
            actor=actor, child=child, meeting=form.cleaned_data["meeting"]
        )
        messages.success(request, _("The report has been started as a draft"))
        return redirect("formulation:edit", child_id=child.pk, report_id=report.pk)
    return render(request, "formulation/start.html", {"child": child, "form": form})


def detail(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page="detail")
    newest = queries.latest_report(report.child)
    reader = queries.reader_of(actor, report)
    context = documents.report_context(report, reader)
    context.update(
        newest=newest,
        problems=services.problems(report) if not report.is_final else [],
        needs_second=report.child.service.requires_second_signature,
        **_permissions(actor, report, newest is not None and newest.pk == report.pk),
    )
    return render(request, "formulation/detail.html", context)


def _events(report: FormulationReport) -> Any:
    return TimelineEvent.objects.filter(child=report.child, status=Status.ACCEPTED).order_by(
        "starts_on", "pk"
    )


def edit(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor, report = _writing(request, child_id, report_id, "edit")
    context: dict[str, Any] = {"report": report, "child": report.child, "conflict": None}
    if request.method != "POST":
        if not report.is_draft:
            messages.error(request, APPROVED_IS_FINAL)
            return _detail(report)
        form = SectionsForm(
            instance=report,
            initial={"edit_version": report.edit_version},
            events=_events(report),
        )
        return render(request, "formulation/edit.html", {**context, "form": form})
    form = SectionsForm(request.POST, instance=report, events=_events(report))
    if not form.is_valid():
        return render(request, "formulation/edit.html", {**context, "form": form})
    expected = form.cleaned_data["edit_version"]
    try:
        services.update_sections(
            actor=actor,
            report=report,
            changes=form.changes(),
            events=list(form.cleaned_data["background_events"]),
            expected_version=expected,
        )
    except services.NotEditable:
        context["refused"] = APPROVED_IS_FINAL
        return render(request, "formulation/edit.html", {**context, "form": form}, status=409)
    except services.ReportConflict as conflict:
        current = conflict.current
        services.record_conflict(actor, report, expected, current.edit_version)
        data = request.POST.copy()
        data["edit_version"] = str(current.edit_version)
        names = [*SECTION_FIELDS, "tier", "clinical_notes"]
        context["conflict"] = differences(form, current, names)  # type: ignore[arg-type]
        form = SectionsForm(data, instance=current, events=_events(report))
        form.is_valid()
        return render(request, "formulation/edit.html", {**context, "form": form}, status=409)
    messages.success(request, _("The report has been saved"))
    return _detail(report)


def _recommendation(
    request: HttpRequest, child_id: int, report_id: int, item: Recommendation | None
) -> HttpResponse:
    actor, report = _writing(request, child_id, report_id, "recommendation")
    if not report.is_draft:
        messages.error(request, APPROVED_IS_FINAL)
        return _detail(report)
    seq = queries.sequencing_context(report)
    context: dict[str, Any] = {"report": report, "child": report.child, "item": item}
    if request.method != "POST":
        initial = {"edit_version": report.edit_version}
        initial["position"] = item.number if item else services.next_number(report)
        form = RecommendationForm(instance=item, initial=initial, report=report, context=seq)
        if item is not None:
            form.warnings = sequencing.warnings(item, seq.tier_number, seq.mapped)
        return render(request, "formulation/recommendation.html", {**context, "form": form})
    form = RecommendationForm(request.POST, instance=item, report=report, context=seq)
    if form.is_valid():
        try:
            services.save_recommendation(
                actor=actor,
                report=report,
                recommendation=item,
                values=form.values(),
                position=form.cleaned_data["position"],
                expected_version=form.cleaned_data["edit_version"],
            )
        except services.NotEditable:
            context["refused"] = APPROVED_IS_FINAL
        except services.ReportConflict as conflict:
            data = request.POST.copy()
            data["edit_version"] = str(conflict.current.edit_version)
            context["refused"] = _(
                "Someone else changed this report while you were writing. Nothing you typed "
                "has been lost, and nothing has been saved yet: check the report in a new tab, "
                "then save again."
            )
            form = RecommendationForm(data, instance=item, report=report, context=seq)
            form.is_valid()
        else:
            messages.success(request, _("The recommendation has been saved"))
            return _detail(report)
        return render(
            request, "formulation/recommendation.html", {**context, "form": form}, status=409
        )
    return render(request, "formulation/recommendation.html", {**context, "form": form})


def _item(report_id: int, recommendation_id: int) -> Recommendation | None:
    return Recommendation.objects.filter(report_id=report_id, pk=recommendation_id).first()


def recommendation_add(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    return _recommendation(request, child_id, report_id, None)


def recommendation_edit(
    request: HttpRequest, child_id: int, report_id: int, recommendation_id: int
) -> HttpResponse:
    actor = access.actor_for(request)
    item = _item(report_id, recommendation_id)
    if item is None:
        queries.report_for(actor, child_id, report_id, page="recommendation")
        raise Http404
    return _recommendation(request, child_id, report_id, item)


@require_POST
def recommendation_remove(
    request: HttpRequest, child_id: int, report_id: int, recommendation_id: int
) -> HttpResponse:
    actor, report = _writing(request, child_id, report_id, "remove recommendation")
    item = _item(report.pk, recommendation_id)
    if item is None:
        raise Http404
    try:
        services.remove_recommendation(
            actor=actor,
            report=report,
            recommendation=item,
            expected_version=int(request.POST.get("edit_version") or 0),
        )
    except services.NotEditable:
        messages.error(request, APPROVED_IS_FINAL)
    except services.ReportConflict:
        messages.error(request, _("Someone else changed this report: check it and try again"))
    else:
        messages.success(request, _("The recommendation has been removed"))
    return _detail(report)


def submit(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor, report = _writing(request, child_id, report_id, "submit")
    problems = services.problems(report)
    if request.method == "POST":
        try:
            services.submit(actor=actor, report=report)
        except services.NotEditable:
            messages.error(request, APPROVED_IS_FINAL)
            return _detail(report)
        except services.NotReady as refused:
            problems = refused.problems
        else:
            messages.success(request, _("The report has been submitted for approval"))
            return _detail(report)
    return render(
        request,
        "formulation/confirm.html",
        {"report": report, "child": report.child, "problems": problems, "action": "submit"},
    )


def approve(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page="approve")
    if not access.can_approve_formulation_in(actor, report.child.service_id):
        raise PermissionDenied
    problems = services.problems(report)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "return":
                services.return_to_draft(actor=actor, report=report)
                messages.success(request, _("The report has gone back to draft"))
                return _detail(report)
            done = services.approve(actor=actor, report=report)
        except services.NotEditable:
            messages.error(request, _("Only a submitted version can be signed off"))
            return _detail(report)
        except services.NotReady as refused:
            problems = refused.problems
        else:
            if done:
                messages.success(request, _("The report has been approved"))
            else:
                messages.success(
                    request,
                    _(
                        "Your signature has been recorded. This service asks for a second "
                        "clinical psychologist's signature before the report is approved"
                    ),
                )
            return _detail(report)
    return render(
        request,
        "formulation/confirm.html",
        {"report": report, "child": report.child, "problems": problems, "action": "approve"},
    )


def revise(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor, report = _writing(request, child_id, report_id, "revise")
    if request.method == "POST":
        try:
            copy = services.revise(actor=actor, report=report)
        except services.NotEditable:
            messages.error(request, _("Only the latest approved version can be revised"))
            return _detail(report)
        messages.success(request, _("A new version has been started from this one"))
        return redirect("formulation:edit", child_id=copy.child_id, report_id=copy.pk)
    return render(
        request,
        "formulation/confirm.html",
        {"report": report, "child": report.child, "problems": [], "action": "revise"},
    )


def changes(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page="changes")
    previous = report.previous
    rows = []
    if previous is not None:
        rows = diffs.compare(previous, report, clinical=queries.reader_of(actor, report).clinical)
    return render(
        request,
        "formulation/changes.html",
        {"report": report, "child": report.child, "previous": previous, "rows": rows},
    )


def _download(report: FormulationReport, reader: queries.Reader, actor: Actor, kind: str) -> None:
    record_event(
        actor=actor,
        verb=Verb.DOWNLOAD_FORMULATION,
        child=report.child,
        object_type="formulation_report",
        object_id=report.pk,
        detail={"kind": kind, "clinical": reader.clinical, "agency": reader.agency_id},
    )


def pdf(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page="pdf")
    reader = queries.reader_of(actor, report)
    _download(report, reader, actor, "pdf")
    response = HttpResponse(documents.render_pdf(report, reader), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(report, "pdf")}"'
    return response


def docx(request: HttpRequest, child_id: int, report_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report = queries.report_for(actor, child_id, report_id, page="docx")
    reader = queries.reader_of(actor, report)
    _download(report, reader, actor, "docx")
    response = HttpResponse(
        render_docx(report, reader),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(report, "docx")}"'
    return response


def shared(request: HttpRequest, child_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    report, reader = queries.shared_for(actor, child_id, page="shared")
    if request.GET.get("format") == "pdf":
        _download(report, reader, actor, "pdf-shared")
        response = HttpResponse(
            documents.render_pdf(report, reader), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'attachment; filename="formulation-shared.pdf"'
        return response
    return render(request, "formulation/shared.html", documents.report_context(report, reader))
