"""Needs through HTTP: the checklist, evidence required, replacing what is recorded,
audit, the overview section and the seeded checklist."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.needs import overview
from ecm.needs.models import ChildNeed, NeedType

SignIn = Callable[[User], Client]


def need(code: str) -> NeedType:
    return NeedType.objects.get(code=code)


def tick(**evidence: str) -> dict[str, str]:
    """Form data ticking each need given (by code, underscores for hyphens)."""
    values = {}
    for code, text in evidence.items():
        need_type = need(code.replace("_", "-"))
        values[f"need_{need_type.pk}"] = "on"
        values[f"evidence_{need_type.pk}"] = text
    return values


def record(child: Child, user: User, code: str, evidence: str = "Noted") -> ChildNeed:
    return ChildNeed.objects.create(
        child=child, need_type=need(code), evidence=evidence, recorded_by=user
    )


@pytest.mark.django_db
def test_the_checklist_is_seeded_in_english_and_welsh() -> None:
    types = list(NeedType.objects.all())
    assert len(types) == 15
    assert all(t.name_cy and t.is_active for t in types)
    assert {t.code for t in types if t.indicates_trauma} == {
        "domestic-abuse",
        "physical-abuse",
        "sexual-abuse",
        "exploitation",
        "bereavement",
        "care-experienced",
    }
    assert need("substance-misuse").display_name("cy") == "Camddefnyddio sylweddau"
    assert need("substance-misuse").display_name("en") == "Substance misuse"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "summary", "change"),
    [
        ("case_manager", 200, 302),
        ("team_manager", 200, 302),
        ("psychologist", 200, 403),
        ("senior_manager", 200, 403),
        ("partner", 404, 404),
        ("evaluator", 404, 404),
        ("service_admin", 404, 404),
    ],
)
def test_each_role(world: World, signed_in: SignIn, role: str, summary: int, change: int) -> None:
    child = world.child(1)
    client = signed_in(world.person(role))
    assert client.get(reverse("needs:summary", args=[child.pk])).status_code == summary
    response = client.post(
        reverse("needs:change", args=[child.pk]), tick(mental_health="CAMHS letter")
    )
    assert response.status_code == change
    assert ChildNeed.objects.filter(child=child).exists() == (change == 302)


@pytest.mark.django_db
def test_save_needs_with_evidence(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    form = client.get(reverse("needs:change", args=[child.pk])).content.decode()
    assert "Speech, language and communication needs" in form
    response = client.post(
        reverse("needs:change", args=[child.pk]),
        tick(bereavement="Their brother died last year", mental_health="On the CAMHS list"),
    )
    assert response.status_code == 302
    assert sorted(n.need_type.code for n in child.needs.all()) == ["bereavement", "mental-health"]
    event = AuditEvent.objects.get(verb=Verb.UPDATE_NEEDS)
    assert event.child_id == child.pk
    assert event.detail["added"] == ["bereavement", "mental-health"]
    assert "brother" not in str(event.detail)
    page = client.get(response["Location"]).content.decode()
    assert "Complexity: 2 needs recorded" in page
    assert "Their brother died last year" in page
    assert "Indicates trauma" in page
    assert AuditEvent.objects.filter(verb=Verb.VIEW_NEEDS, child_id=child.pk).exists()


@pytest.mark.django_db
def test_evidence_is_required_for_each_ticked_need(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    values = tick(mental_health="  ", neurodisability="ADHD diagnosis, 2024")
    response = client.post(reverse("needs:change", args=[child.pk]), values)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the evidence for “Mental health”" in page
    assert f'href="#id_evidence_{need("mental-health").pk}"' in page
    assert f'id="id_evidence_{need("mental-health").pk}-error"' in page
    assert "ADHD diagnosis, 2024" in page
    assert page.count("checked") == 2
    assert not ChildNeed.objects.exists()
    assert not AuditEvent.objects.filter(verb=Verb.UPDATE_NEEDS).exists()


@pytest.mark.django_db
def test_saving_replaces_the_recorded_needs(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    user = world.person("team_manager")
    record(child, user, "bereavement", "Grandmother died")
    record(child, user, "physical-health", "Asthma")
    record(child, user, "mental-health", "Low mood")
    client = signed_in(user)
    response = client.post(
        reverse("needs:change", args=[child.pk]),
        tick(
            bereavement="Grandmother died",
            mental_health="Low mood; sees CAMHS fortnightly",
            parental_imprisonment="Father in prison",
        ),
    )
    assert response.status_code == 302
    recorded = {n.need_type.code: n.evidence for n in child.needs.all()}
    assert recorded == {
        "bereavement": "Grandmother died",
        "mental-health": "Low mood; sees CAMHS fortnightly",
        "parental-imprisonment": "Father in prison",
    }
    event = AuditEvent.objects.get(verb=Verb.UPDATE_NEEDS)
    assert event.detail["added"] == ["parental-imprisonment"]
    assert event.detail["removed"] == ["physical-health"]
    assert event.detail["changed"] == ["mental-health"]
    # Saving the same again changes nothing and writes no event.
    client.post(
        reverse("needs:change", args=[child.pk]),
        tick(
            bereavement="Grandmother died",
            mental_health="Low mood; sees CAMHS fortnightly",
            parental_imprisonment="Father in prison",
        ),
    )
    assert AuditEvent.objects.filter(verb=Verb.UPDATE_NEEDS).count() == 1
    # Unticking everything removes every need.
    client.post(reverse("needs:change", args=[child.pk]), {})
    assert not child.needs.exists()


@pytest.mark.django_db
def test_retired_needs_stay_on_the_checklist_only_for_children_who_have_them(
    world: World, signed_in: SignIn
) -> None:
    child, other = world.child(1), world.child(1)
    user = world.person("case_manager")
    record(child, user, "physical-health", "Asthma")
    NeedType.objects.filter(code="physical-health").update(is_active=False)
    client = signed_in(user)
    assert (
        "Physical health" in client.get(reverse("needs:change", args=[child.pk])).content.decode()
    )
    assert "Physical health" not in (
        client.get(reverse("needs:change", args=[other.pk])).content.decode()
    )


@pytest.mark.django_db
def test_overview_section_shows_the_complexity_count(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    user = world.person("case_manager")
    record(child, user, "exploitation")
    record(child, user, "sen-aln")
    for role in ("case_manager", "psychologist", "team_manager", "senior_manager"):
        page = signed_in(world.person(role)).get(reverse("children:detail", args=[child.pk]))
        text = page.content.decode()
        assert "Needs and complexity" in text, role
        assert "Complexity: 2 needs recorded" in text
        assert "Victim of exploitation" in text
        editor = role in {"case_manager", "team_manager"}
        assert (reverse("needs:change", args=[child.pk]) in text) == editor
    assert overview.section(load_actor(world.person("partner")), child) is None


def _child_page_queries(client: Client, child: Child) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_child_page_query_count_does_not_grow_with_needs_offences_or_orders(
    world: World, signed_in: SignIn
) -> None:
    from ecm.offending.models import Offence, Order

    child = world.child(1)
    user = world.person("case_manager")
    client = signed_in(user)
    empty = _child_page_queries(client, child)
    for need_type in NeedType.objects.all()[:9]:
        ChildNeed.objects.create(child=child, need_type=need_type, evidence="x", recorded_by=user)
    for day in range(1, 13):
        Offence.objects.create(
            child=child,
            offence_date=f"2026-03-{day:02d}",
            description="Broke a window",
            category="criminal_damage",
            seriousness=2,
            outcome="referral_order",
            recorded_by=user,
        )
        Order.objects.create(
            child=child,
            order_type="referral_order",
            start_date=f"2026-04-{day:02d}",
            responsible_officer=world.person("team_manager" if day % 2 else "case_manager"),
            recorded_by=user,
        )
    assert _child_page_queries(client, child) == empty
