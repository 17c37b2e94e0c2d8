"""Production settings come from the environment only, and pass Django's deploy checks."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "ECM_ENV": "production",
    "ECM_SECRET_KEY": "k" * 20 + "-production-secret-for-the-check-" + "z" * 20,
    "ECM_ALLOWED_HOSTS": "ecm.example.org",
    "DATABASE_URL": "postgres://ecm@db.example.org/ecm",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    ours = ("ECM_", "DATABASE_URL", "DJANGO_")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_passes_on_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ECM_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ECM_SECRET_KEY" in result.stderr


def test_demo_mode_cannot_be_on_in_production() -> None:
    result = _manage("check", env={**PRODUCTION_ENV, "ECM_DEMO_MODE": "true"})
    assert result.returncode != 0
    assert "Demo mode" in result.stderr


def test_session_limits() -> None:
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_ABSOLUTE_SECONDS <= 12 * 60 * 60


def test_models_and_migrations_agree() -> None:
    result = _manage("makemigrations", "--check", "--dry-run", env={"ECM_ENV": "test"})
    assert result.returncode == 0, result.stdout
