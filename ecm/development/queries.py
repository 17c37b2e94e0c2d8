"""Reads of developmental mappings.

`latest_mapping` is plain (no actor, no audit): the overview section and the meeting
pack call it for a child already read. The page reads take the Actor, answer 404
outside the person's scope (recording the refusal) and are audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Subquery
from django.http import Http404

from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.children.models import Child
from ecm.children.queries import child_for_page
from ecm.core.access import Actor
from ecm.development import ages
from ecm.development.charts import Chart, development_chart
from ecm.development.models import DevelopmentalMapping, Domain, DomainEstimate


def _mappings(child: Child) -> QuerySet[DevelopmentalMapping]:
    return (
        DevelopmentalMapping.objects.filter(child=child)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("estimates", DomainEstimate.objects.order_by("pk")))
        .order_by("-mapped_on", "-pk")
    )


def _with_child(mappings: list[DevelopmentalMapping], child: Child) -> list[DevelopmentalMapping]:
    for mapping in mappings:
        mapping.child = child
    return mappings


def _attach(mapping: DevelopmentalMapping, estimates: list[DomainEstimate]) -> None:
    """Stores the estimates as Django's prefetch_related would, so that
    `mapping.estimates.all()` answers without a query."""
    loaded = mapping.estimates.all()
    loaded._result_cache = estimates
    loaded._prefetch_done = True  # type: ignore[attr-defined]
    mapping._prefetched_objects_cache = {"estimates": loaded}  # type: ignore[attr-defined]


def latest_mapping(child: Child) -> DevelopmentalMapping | None:
    """The newest mapping by date, with its estimates prefetched: one query, whether
    there is no mapping, one, or many (every mapping has at least one estimate)."""
    newest = (
        DevelopmentalMapping.objects.filter(child=child).order_by("-mapped_on", "-pk").values("pk")
    )
    estimates = list(
        DomainEstimate.objects.filter(mapping=Subquery(newest[:1]))
        .select_related("mapping__recorded_by")
        .order_by("pk")
    )
    if not estimates:
        return None
    mapping = estimates[0].mapping
    for estimate in estimates:
        estimate.mapping = mapping
    _attach(mapping, estimates)
    mapping.child = child
    return mapping


def age_on_mapping(mapping: DevelopmentalMapping) -> int:
    """The child's chronological age in months on the mapping's date."""
    return ages.months_old(mapping.child.date_of_birth, mapping.mapped_on)


@dataclass(frozen=True)
class EstimateRow:
    label: str
    estimate: DomainEstimate | None
    text: str = ""  # "functioning around 9 years 6 months; 4 years 2 months below their age"
    age: str = ""  # "9 years 6 months"
    gap: str = ""  # "4 years 2 months" below their age; empty when at their age


@dataclass(frozen=True)
class MappingView:
    """One mapping as shown: each domain in order, as text, and as a chart."""

    mapping: DevelopmentalMapping
    age_months: int
    rows: list[EstimateRow]
    chart: Chart

    @property
    def age_text(self) -> str:
        return ages.age_text(self.age_months)

    def estimate_for(self, domain: str) -> DomainEstimate | None:
        return next(
            (r.estimate for r in self.rows if r.estimate and r.estimate.domain == domain), None
        )


def view_of(mapping: DevelopmentalMapping) -> MappingView:
    age = age_on_mapping(mapping)
    estimates = {e.domain: e for e in mapping.estimates.all()}
    rows = []
    for domain, label in Domain.choices:
        estimate = estimates.get(domain)
        if estimate is None:
            rows.append(EstimateRow(str(label), None))
            continue
        months = estimate.functioning_months
        rows.append(
            EstimateRow(
                str(label),
                estimate,
                ages.comparison_text(months, age),
                ages.age_text(months),
                ages.age_text(age - months) if age > months else "",
            )
        )
    return MappingView(mapping, age, rows, development_chart(mapping, age))


@dataclass(frozen=True)
class ProgressCell:
    age: str
    gap: str


@dataclass(frozen=True)
class ProgressRow:
    label: str
    cells: list[ProgressCell | None]
    change: str


def progress(views: list[MappingView]) -> list[ProgressRow]:
    """Each domain across the mappings, oldest first, with the change from the first
    estimate to the last."""
    rows = []
    for domain, label in Domain.choices:
        cells: list[ProgressCell | None] = []
        months: list[int] = []
        for view in views:
            estimate = view.estimate_for(domain)
            if estimate is None:
                cells.append(None)
                continue
            value = estimate.functioning_months
            months.append(value)
            gap = view.age_months - value
            cells.append(ProgressCell(ages.age_text(value), ages.age_text(gap) if gap else ""))
        change = ages.change_text(months[0], months[-1]) if len(months) > 1 else ""
        rows.append(ProgressRow(str(label), cells, change))
    return rows


@dataclass(frozen=True)
class DevelopmentPicture:
    child: Child
    views: list[MappingView]  # newest first

    @property
    def latest(self) -> MappingView | None:
        return self.views[0] if self.views else None

    @property
    def oldest_first(self) -> list[MappingView]:
        return list(reversed(self.views))

    @property
    def progress(self) -> list[ProgressRow]:
        return progress(self.oldest_first)


def _scoped_child(actor: Actor, child_id: int, page: str) -> Child:
    """The child, or 404 (and an audited refusal) outside the person's scope."""
    return child_for_page(actor, child_id, page=page, refusal=f"development:{page}")


def child_for(actor: Actor, child_id: int, *, page: str) -> Child:
    """The child, or 404 outside the person's scope; the read is audited."""
    return child_for_page(
        actor, child_id, page=page, verb=Verb.VIEW_DEVELOPMENT, refusal=f"development:{page}"
    )


def development_page(actor: Actor, child_id: int) -> DevelopmentPicture:
    """Every mapping of the child, newest first (three queries after the child's)."""
    child = child_for(actor, child_id, page="development")
    mappings = _with_child(list(_mappings(child)), child)
    return DevelopmentPicture(child, [view_of(m) for m in mappings])


def get_mapping(actor: Actor, child_id: int, mapping_id: int) -> MappingView:
    """One mapping of the child, or 404 (also when it is another child's)."""
    child = _scoped_child(actor, child_id, "mapping")
    found = _with_child(list(_mappings(child).filter(pk=mapping_id)), child)
    if not found:
        raise Http404
    record_event(
        actor=actor,
        verb=Verb.VIEW_DEVELOPMENT,
        child=child,
        object_type="developmental_mapping",
        object_id=mapping_id,
    )
    return view_of(found[0])
