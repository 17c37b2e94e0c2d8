"""The Trauma Recovery Model: tiers seeded in English and Welsh, their wording kept
by service administrators with history, and each child's tier as a dated history."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.trm import charts, reference
from ecm.trm.models import Tier, TierAssessment, TierRevision
from ecm.trm.queries import current_tier

SignIn = Callable[[User], Client]


def _date(prefix: str, day: date | None) -> dict[str, str]:
    parts = ("", "", "") if day is None else (str(day.day), str(day.month), str(day.year))
    return {f"{prefix}_day": parts[0], f"{prefix}_month": parts[1], f"{prefix}_year": parts[2]}


def _assess(world: World, child_id: int, number: int, on: date, evidence: str = "Seen") -> None:
    TierAssessment.objects.create(
        child_id=child_id,
        tier=Tier.objects.get(number=number),
        assessed_on=on,
        assessed_by=world.person("psychologist"),
        evidence=evidence,
    )


@pytest.mark.django_db
def test_the_seven_tiers_are_seeded_in_english_and_welsh() -> None:
    tiers = list(Tier.objects.order_by("number"))
    assert [t.number for t in tiers] == list(range(7))
    assert tiers[0].name == "Redeemability (foundation)"
    assert tiers[1].name == "Routine / safe base"
    assert tiers[6].name == "Autonomy / goals"
    assert all(t.name_cy and t.presentation_cy and t.need_cy and t.interventions_cy for t in tiers)
    assert tiers[2].display_name("cy") == "Perthnasoedd / ymddiriedaeth"
    assert tiers[2].display_name("en") == "Relationships / trust"
    assert "same time and place" in tiers[1].interventions
    Tier.objects.filter(number=4).update(name="Corrected")
    # A missing tier is put back (the intervention catalogue refers to tiers, so the
    # check removes one that nothing refers to).
    Tier.objects.filter(number=0).delete()
    reference.ensure_reference_data()
    assert Tier.objects.count() == 7
    assert Tier.objects.get(number=4).name == "Corrected"  # edits are kept


@pytest.mark.django_db
def test_a_child_moves_up_and_down_and_the_latest_is_current(world: World) -> None:
    child = world.child(1)
    assert current_tier(child) is None
    today = timezone.localdate()
    _assess(world, child.pk, 1, today - timedelta(days=300))
    _assess(world, child.pk, 2, today - timedelta(days=150))
    _assess(world, child.pk, 1, today - timedelta(days=20), "After the crisis in the summer")
    current = current_tier(child)
    assert current is not None
    assert current.tier.number == 1
    assert current.evidence.startswith("After the crisis")


@pytest.mark.django_db
def test_the_history_page_lists_newest_first_with_a_chart(world: World, signed_in: SignIn) -> None:
    child = world.child(1, legal_first_name="Seren")
    today = timezone.localdate()
    _assess(world, child.pk, 1, today - timedelta(days=300), "Missed most appointments")
    client = signed_in(world.person("senior_manager"))
    url = reverse("trm:history", args=[child.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    one = count()
    _assess(world, child.pk, 2, today - timedelta(days=150), "Keeps most appointments")
    _assess(world, child.pk, 1, today - timedelta(days=20), "Back to missing sessions")
    assert count() == one == 9
    page = client.get(url).content.decode()
    assert page.index("Back to missing sessions") < page.index("Keeps most appointments")
    assert page.index("Keeps most appointments") < page.index("Missed most appointments")
    assert "Record the child" not in page  # senior managers read, they do not assess
    uri = page.split('src="data:image/svg+xml;base64,')[1].split('"')[0]
    svg = base64.b64decode(uri).decode()
    assert 'role="img"' in svg
    assert "<title>" in svg
    assert "<desc>" in svg
    assert AuditEvent.objects.filter(verb=Verb.VIEW_TIERS, child_id=child.pk).exists()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    welsh = client.get(url).content.decode()
    assert "Trefn / sylfaen ddiogel" in welsh


@pytest.mark.django_db
def test_the_chart_describes_each_step(world: World) -> None:
    child = world.child(1)
    _assess(world, child.pk, 1, date(2026, 1, 5))
    _assess(world, child.pk, 2, date(2026, 5, 5))
    history = list(TierAssessment.objects.filter(child=child).select_related("tier"))
    history.sort(key=lambda a: a.assessed_on, reverse=True)
    with translation.override("en"):
        chart = charts.tier_chart(history, date(2026, 11, 1))
    assert chart is not None
    assert chart.alt == (
        "The child's tier over time: tier 1 from 5 January 2026; tier 2 from 5 May 2026."
    )
    assert charts.tier_chart([], date(2026, 11, 1)) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"tier": ""}, "Choose the tier"),
        ({"evidence": ""}, "Enter the behaviours seen"),
        ({"future": True}, "must be today or in the past"),
        ({"before_birth": True}, "on or after the child&#x27;s date of birth"),
        ({"assessed_on_year": "20"}, "must be a real date"),
    ],
)
def test_recording_a_tier_refuses_bad_input_and_keeps_what_was_typed(
    world: World, signed_in: SignIn, overrides: dict[str, object], message: str
) -> None:
    child = world.child(1, date_of_birth=date(2012, 5, 5))
    data: dict[str, object] = {
        "tier": str(Tier.objects.get(number=2).pk),
        "evidence": "Tests the relationship with his case manager",
        **_date("assessed_on", timezone.localdate() - timedelta(days=3)),
    }
    if overrides.pop("future", False):
        data.update(_date("assessed_on", timezone.localdate() + timedelta(days=3)))
    if overrides.pop("before_birth", False):
        data.update(_date("assessed_on", date(2012, 5, 4)))
    data.update(overrides)
    response = signed_in(world.person("case_manager")).post(
        reverse("trm:assess", args=[child.pk]), data
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    if data["evidence"]:
        assert "Tests the relationship with his case manager" in page
    assert not TierAssessment.objects.exists()


@pytest.mark.django_db
def test_recording_a_tier_outside_a_meeting(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("psychologist"))
    data = {
        "tier": str(Tier.objects.get(number=3).pk),
        "evidence": "Started to talk about what happened at home",
        "submission": "6f1b1c1e-4c1a-4a61-9c55-2f7a9a4c0b11",
        **_date("assessed_on", timezone.localdate()),
    }
    response = client.post(reverse("trm:assess", args=[child.pk]), data)
    assert response["Location"] == reverse("trm:history", args=[child.pk])
    client.post(reverse("trm:assess", args=[child.pk]), data)  # sent twice: one record
    assessment = TierAssessment.objects.get()
    assert assessment.meeting is None
    assert assessment.assessed_by == world.person("psychologist")
    event = AuditEvent.objects.get(verb=Verb.RECORD_TIER)
    assert event.detail == {"tier": 3, "meeting": None}
    senior = signed_in(world.person("senior_manager"))
    assert senior.post(reverse("trm:assess", args=[child.pk]), data).status_code == 403


def _wording(tier: Tier, **overrides: str) -> dict[str, str]:
    values = {**tier.wording(), "version": str(tier.version)}
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_a_service_administrator_corrects_the_wording_with_history(
    world: World, signed_in: SignIn
) -> None:
    tier = Tier.objects.get(number=1)
    client = signed_in(world.person("service_admin"))
    listing = client.get(reverse("trm:tiers")).content.decode()
    assert "Routine / safe base" in listing
    url = reverse("trm:tier-change", args=[tier.pk])
    empty = client.post(url, _wording(tier, name_cy="")).content.decode()
    assert "Enter the name in Welsh" in empty
    response = client.post(url, _wording(tier, need="Safety, stability and a predictable week."))
    assert response.status_code == 302
    tier.refresh_from_db()
    assert tier.need == "Safety, stability and a predictable week."
    assert tier.version == 2
    revision = TierRevision.objects.get()
    assert revision.before["need"] == "Safety, stability and predictability."
    assert revision.changed_by == world.person("service_admin")
    event = AuditEvent.objects.get(verb=Verb.UPDATE_TIER_WORDING)
    assert event.detail == {"fields": ["need"], "version": 2}
    page = client.get(url).content.decode()
    assert "Safety, stability and predictability." in page  # the earlier wording


@pytest.mark.django_db
def test_two_administrators_editing_at_once_meet_a_conflict(
    world: World, signed_in: SignIn
) -> None:
    tier = Tier.objects.get(number=5)
    stale = _wording(tier, name="Identity and purpose")
    client = signed_in(world.person("service_admin"))
    url = reverse("trm:tier-change", args=[tier.pk])
    assert client.post(url, _wording(tier, name="Identity")).status_code == 302
    conflict = client.post(url, stale)
    assert conflict.status_code == 409
    assert 'value="Identity and purpose"' in conflict.content.decode()
    assert Tier.objects.get(pk=tier.pk).name == "Identity"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "psychologist", "team_manager", "partner"])
def test_only_service_administrators_change_tiers(
    world: World, signed_in: SignIn, role: str
) -> None:
    tier = Tier.objects.get(number=1)
    client = signed_in(world.person(role))
    assert (
        client.post(reverse("trm:tier-change", args=[tier.pk]), _wording(tier)).status_code == 403
    )
    assert not TierRevision.objects.exists()


@pytest.mark.django_db
def test_a_partner_never_sees_a_tier_history_and_is_audited(
    world: World, signed_in: SignIn
) -> None:
    from ecm.meetings.tests.factories import shared_meeting

    made = shared_meeting(world)
    client = signed_in(world.person("partner"))
    assert client.get(reverse("trm:history", args=[made.child_id])).status_code == 404
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=made.child_id).exists()
