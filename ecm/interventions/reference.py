"""The shipped intervention catalogue, put back after a test flushes the database."""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    migration = importlib.import_module("ecm.interventions.migrations.0002_seed_catalogue")
    migration.seed(apps, None)
