"""The shipped rule sets, put back after a test flushes the database."""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    migration = importlib.import_module("ecm.eligibility.migrations.0002_shipped_rule_sets")
    migration.ship(apps, None)
