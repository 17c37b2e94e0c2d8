"""Reads of formulation reports.

`approved_report`, `recommendations_of` and `sequencing_context` are plain (no actor,
no audit): ecm.plans and the documents call them for a child already read. The page
reads take the Actor, answer 404 outside the person's scope (recording the refusal)
and are audited.

Staff readers of the child's service (the ECM team) read every version, without the
clinical notes unless they are psychologists. A partner agency worker reads only the
latest approved version's shared sections and recommendations, and only while a
sharing consent in force names their agency.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event, record_refusal
from ecm.children.models import Child
from ecm.consent.queries import sharing_agency_ids
from ecm.core import access
from ecm.core.access import Actor
from ecm.development.queries import latest_mapping
from ecm.formulation import sequencing
from ecm.formulation.models import Approval, FormulationReport, Recommendation, ReportStatus
from ecm.trm.queries import current_tier


@dataclass(frozen=True)
class Reader:
    """Who reads a report, which decides what they see."""

    clinical: bool = False
    agency_id: int | None = None

    @property
    def is_partner(self) -> bool:
        return self.agency_id is not None


def approved_report(child: Child) -> FormulationReport | None:
    """The child's latest approved version (no audit inside)."""
    return (
        FormulationReport.objects.filter(child=child, status=ReportStatus.APPROVED)
        .select_related("tier", "author")
        .order_by("-version")
        .first()
    )


def latest_report(child: Child) -> FormulationReport | None:
    return FormulationReport.objects.filter(child=child).order_by("-version").first()


def reports_of(child: Child) -> list[FormulationReport]:
    return list(
        FormulationReport.objects.filter(child=child)
        .select_related("author", "tier")
        .order_by("-version")
    )


def _refuse(actor: Actor, child_id: int | None, what: str) -> Http404:
    record_refusal(actor=actor, child_id=child_id, what=f"formulation: {what}")
    return Http404()


def _audit(actor: Actor, child: Child, page: str, report: FormulationReport | None) -> None:
    record_event(
        actor=actor,
        verb=Verb.VIEW_FORMULATION,
        child=child,
        object_type="formulation_report" if report else "child",
        object_id=report.pk if report else child.pk,
        detail={"page": page},
    )


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, for staff readers of the child's service; 404 (recorded) otherwise."""
    child = (
        Child.objects.filter(
            pk=child_id, service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS)
        )
        .select_related("service", "case_manager")
        .first()
    )
    if child is None:
        raise _refuse(actor, child_id, page)
    _audit(actor, child, page, None)
    return child


def report_for(actor: Actor, child_id: int, report_id: int, *, page: str) -> FormulationReport:
    """One version, for staff readers of the child's service; 404 (recorded) otherwise."""
    report = (
        FormulationReport.objects.filter(
            pk=report_id,
            child_id=child_id,
            child__service_id__in=actor.service_ids_with(access.CHILD_RECORD_READERS),
        )
        .select_related("child__service", "child__case_manager", "author", "tier", "meeting")
        .first()
    )
    if report is None:
        raise _refuse(actor, child_id, page)
    _audit(actor, report.child, page, report)
    return report


def reader_of(actor: Actor, report: FormulationReport) -> Reader:
    return Reader(clinical=access.is_clinical_in(actor, report.child.service_id))


def shared_for(actor: Actor, child_id: int, *, page: str) -> tuple[FormulationReport, Reader]:
    """The latest approved version as a partner agency worker may read it (staff
    readers see the same limited view, to check what partners get); 404 otherwise."""
    child = Child.objects.filter(pk=child_id).select_related("service").first()
    if child is None:
        raise _refuse(actor, child_id, page)
    reader: Reader | None = None
    if access.can_read_children_in(actor, child.service_id):
        reader = Reader(agency_id=0)
    elif (agency_id := _sharing_agency(actor, child)) is not None:
        reader = Reader(agency_id=agency_id)
    report = approved_report(child) if reader is not None else None
    if report is None or reader is None:
        raise _refuse(actor, child_id, page)
    report.child = child
    _audit(actor, child, page, report)
    return report, reader


def _sharing_agency(actor: Actor, child: Child) -> int | None:
    """The partner agency through which a partner agency worker reads the child's shared
    report: theirs in the child's service, named by a sharing consent in force today."""
    mine = {
        m.agency_id
        for m in actor.memberships
        if m.role in access.PARTNER_ROLES and m.service_id == child.service_id and m.agency_id
    }
    if not mine:
        return None
    allowed = sorted(mine & sharing_agency_ids(child))
    return allowed[0] if allowed else None


def partner_shared_report(actor: Actor, child: Child) -> FormulationReport | None:
    """For the block on a shared child's record that a partner agency worker sees: the
    version `shared_for` would show them, or None whenever that page would answer 404
    (and for staff readers, who have their own block). Two queries at most; no audit
    here (the record page records the view, the report page its own)."""
    if access.can_read_children_in(actor, child.service_id):
        return None
    if _sharing_agency(actor, child) is None:
        return None
    return approved_report(child)


# What a report shows, for a child already read.


def child_tier_number(report: FormulationReport) -> int | None:
    """The tier the report names, or else the child's latest assessed tier."""
    if report.tier is not None:
        return report.tier.number
    latest = current_tier(report.child)
    return latest.tier.number if latest is not None else None


def mapped_age_months(child: Child) -> dict[str, int]:
    mapping = latest_mapping(child)
    if mapping is None:
        return {}
    return {
        e.domain: e.functioning_age_years * 12 + e.functioning_age_months
        for e in mapping.estimates.all()
    }


@dataclass
class Row:
    """A recommendation with its sequencing warnings."""

    recommendation: Recommendation
    warnings: list[str] = field(default_factory=list)

    @property
    def needs_rationale(self) -> bool:
        return bool(self.warnings) and not self.recommendation.rationale.strip()


def _recommendations(report: FormulationReport) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(report=report)
        .select_related("intervention__lowest_tier", "tier", "delivered_by_agency", "owner")
        .order_by("number", "pk")
    )


@dataclass(frozen=True)
class SequencingContext:
    tier_number: int | None
    mapped: dict[str, int]


def sequencing_context(report: FormulationReport) -> SequencingContext:
    return SequencingContext(child_tier_number(report), mapped_age_months(report.child))


def recommendations_of(
    report: FormulationReport,
    context: SequencingContext | None = None,
    *,
    shared_only: bool = False,
) -> list[Row]:
    """The recommendations in delivery order, each with its warnings."""
    context = context or sequencing_context(report)
    items = _recommendations(report)
    if shared_only:
        items = items.filter(shared_with_partners=True)
    rows = []
    for item in items:
        item.report = report
        rows.append(Row(item, sequencing.warnings(item, context.tier_number, context.mapped)))
    return rows


def approvals_of(report: FormulationReport) -> list[Approval]:
    return list(Approval.objects.filter(report=report).select_related("approver"))
