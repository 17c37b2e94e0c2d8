"""`python manage.py benchmark_timeline`: how long the drawn life timeline takes for a
synthetic child with 500 events (the bar: under 100 ms for the SVG), and the A3 PDF.

Everything is built in memory (no database rows), so it runs anywhere; the figures are
printed, never asserted.
"""

from __future__ import annotations

import importlib
import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ecm.children.models import Child
from ecm.timeline import documents, drawing
from ecm.timeline.models import EventCategory, Precision, TimelineEvent, Valence

SEEDED = importlib.import_module("ecm.timeline.migrations.0002_seed_event_categories")


def synthetic_timeline(count: int, seed: int = 500) -> tuple[Child, list[TimelineEvent]]:
    """An invented 16-year-old with `count` events of every category, precision and
    valence, in date order."""
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    today = timezone.localdate()
    child = Child(
        pk=0,
        service_id=0,
        legal_first_name="Benchmark",
        legal_last_name="Child",
        date_of_birth=today - timedelta(days=16 * 365 + 100),
    )
    categories = [
        EventCategory(
            pk=index,
            code=code,
            name=name,
            name_cy=name_cy,
            group=group,
            default_valence=valence,
            shape=shape,
            sort_order=index,
        )
        for index, (code, name, name_cy, group, valence, shape) in enumerate(
            SEEDED.CATEGORIES, start=1
        )
    ]
    days = (today - child.date_of_birth).days
    events = []
    for number in range(count):
        category = rng.choice(categories)
        start = child.date_of_birth + timedelta(days=rng.randint(0, days - 1))
        precision = rng.choice(list(Precision.values))
        ends: date | None = None
        if precision == Precision.RANGE:
            ends = min(today, start + timedelta(days=rng.randint(30, 900)))
        elif precision != Precision.EXACT:
            ends = start + timedelta(days=rng.choice([30, 364]))
        events.append(
            TimelineEvent(
                pk=number + 1,
                child=child,
                title=f"Synthetic event {number + 1}: {category.name.lower()}",
                category=category,
                valence=category.default_valence
                if rng.random() < 0.8
                else rng.choice(list(Valence.values)),
                precision=precision,
                starts_on=start,
                ends_on=ends,
                age_years=child.age_on(start) if precision == Precision.AGE else None,
                source_kind="family",
                certainty="reported",
                significant=rng.random() < 0.2,
            )
        )
    events.sort(key=lambda e: (e.starts_on, e.ends_on or e.starts_on, e.pk))
    return child, events


def _timings(action: Any, runs: int) -> list[float]:
    action()  # warm up (imports, translations, fonts)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


class Command(BaseCommand):
    help = "Time the drawn life timeline (SVG and PDF) for a synthetic child with 500 events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=500)
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--pdf-runs", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        child, events = synthetic_timeline(options["events"])
        svg = drawing.timeline_svg(child, events)
        svg_times = _timings(lambda: drawing.timeline_svg(child, events), options["runs"])
        self.stdout.write(
            f"Drawn timeline, {len(events)} events, SVG ({len(svg) // 1024} KB): "
            f"median {statistics.median(svg_times):.1f} ms, p95 {_p95(svg_times):.1f} ms "
            f"over {options['runs']} runs (bar: < 100 ms)"
        )
        # The PDF for the same 500 events, and for a typical timeline of 40.
        for size in (len(events), 40):
            sample_child, sample = (
                (child, events) if size == len(events) else synthetic_timeline(size)
            )
            pdf = documents.render_pdf(sample_child, sample)
            pdf_times = _timings(
                lambda c=sample_child, e=sample: documents.render_pdf(c, e), options["pdf_runs"]
            )
            self.stdout.write(
                f"Drawn timeline, {size} events, A3 PDF ({len(pdf) // 1024} KB): "
                f"median {statistics.median(pdf_times):.0f} ms, p95 {_p95(pdf_times):.0f} ms "
                f"over {options['pdf_runs']} runs"
            )
