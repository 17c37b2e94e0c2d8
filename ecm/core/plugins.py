"""How domain apps contribute to shared pages without editing them.

Each app may provide, by convention:
- `ecm/<app>/overview.py` with `section(actor, child) -> Section | None`: a block on the
  child's overview page (queries run here, in the view, never in templates);
- `ecm/<app>/home.py` with `section(actor) -> Section | None`: a block on the home page;
- `ecm/<app>/demo.py` with `load_demo(service, number) -> int`: its part of the demo data;
- `ecm/<app>/reference.py` with `ensure_reference_data()`: puts back the reference data
  its migrations ship (tests that flush the database call it);
- `ecm/<app>/tests/access.py` with `ACCESS` (and optionally `url_kwargs`): its rows of the
  authorisation matrix.
Apps are visited in INSTALLED_APPS order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def app_modules(submodule: str) -> Iterator[ModuleType]:
    for config in apps.get_app_configs():
        if not config.name.startswith("ecm."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{submodule}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{submodule}":
                raise
