"""The interface language: a cookie for every visitor, and the person's preference."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse

ONE_YEAR = 365 * 24 * 60 * 60


def set_language_cookie(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=ONE_YEAR,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )
