"""How domain apps contribute to shared pages without editing them.

Each app may provide, by convention:
- `ecm/<app>/overview.py` with `section(actor, child) -> Section | None`: a block on the
  child's overview page (queries run here, in the view, never in templates);
- `ecm/<app>/partner.py` with `section(actor, child) -> Section | None`: a block on a shared
  child's record shown to a partner agency worker (only when the viewer does not read the
  full record), under "Shared with your agency". Its template is one row of a
  govuk-summary-list linking to the app's partner page(s). Return a Section exactly when
  that page would open for this person, by a query in the app's `queries.py` reusing the
  page's own check (never a link to a page that would answer 404); a fixed number of
  queries; no audit event or recorded refusal (the record page records the view);
- `ecm/<app>/home.py` with `section(actor) -> Section | None`: a block on the home page;
- `ecm/<app>/demo.py` with `load_demo(service, number) -> int`: its part of the demo data;
- `ecm/<app>/reference.py` with `ensure_reference_data()`: puts back the reference data
  its migrations ship (tests that flush the database call it);
- `ecm/<app>/tests/access.py` with `ACCESS` (and optionally `url_kwargs`): its rows of the
  authorisation matrix;
- `ecm/<app>/activity.py` with `items(actor, child) -> list[ActivityItem]`: its entries in the
  child's activity list (the "Activity" page, `casenotes:activity`). Only what this person may
  see; a fixed number of queries whatever the number of items; no audit event (the page
  records one for the whole list).
Apps are visited in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils import timezone


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    # Lower comes first: what must not be missed (open safeguarding concerns, the
    # child's own voice) goes above the rest, which keep INSTALLED_APPS order.
    weight: int = 100


@dataclass(frozen=True)
class ActivityItem:
    """One entry of a child's activity list. `kind` is a short translated label (the list
    is filtered by it); `link` is the address of the page that shows the item."""

    when: datetime
    kind: str
    title: str
    link: str
    detail: str = ""


def start_of_day(day: date) -> datetime:
    """An aware datetime for something recorded by date only (shown as the date alone)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def app_modules(submodule: str) -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("ecm."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{submodule}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{submodule}":
                raise
