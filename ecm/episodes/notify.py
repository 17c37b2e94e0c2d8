"""Telling the person who referred a child what was decided (after the commit)."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from ecm.episodes.models import Screening


def tell_referrer(screening: Screening) -> None:
    referrer = screening.episode.referred_by
    if not referrer.email:
        return
    with translation.override(referrer.language):
        context = {"screening": screening, "child": screening.episode.child}
        subject = render_to_string("episodes/email/decision_subject.txt", context)
        body = render_to_string("episodes/email/decision.txt", context)
    send_mail(" ".join(subject.split()), body, None, [referrer.email])
