"""The seeded Trauma Recovery Model tiers, put back after a test flushes the database."""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    migration = importlib.import_module("ecm.trm.migrations.0002_seed_tiers")
    migration.seed(apps, None)
