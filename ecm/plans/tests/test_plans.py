"""The plan: made from the approved report, worked in order, "not yet" above the
child's tier, changes of tier highlighted; "My plan" with its readability measure."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World
from ecm.core.access import load_actor
from ecm.plans import queries, readability, services
from ecm.plans.models import MyPlan, Plan, PlanItem
from ecm.plans.tests.factories import approved_report, assess
from ecm.trm.queries import current_tier

pytestmark = pytest.mark.django_db
SignIn = Callable[[User], Client]


def _make(world: World) -> tuple[Child, Plan]:
    child = world.child(1)
    assess(child, 1, timezone.localdate() - timedelta(days=30))
    report = approved_report(child)
    actor = load_actor(world.person("case_manager"))
    plan = services.create_from_report(actor=actor, child=child, report=report)
    return child, plan


def test_readability_aims_for_a_reading_age_of_9_to_11() -> None:
    easy = readability.measure("We meet on Tuesday. Sam is your worker. You can call Sam.")
    hard = readability.measure(
        "The multidisciplinary intervention will consequently facilitate comprehensive "
        "therapeutic engagement with considerable organisational flexibility."
    )
    assert easy is not None
    assert hard is not None
    assert easy.reading_age < hard.reading_age
    assert hard.too_hard
    assert not easy.too_hard
    assert readability.measure("   ") is None
    welsh = readability.measure("Dy weithiwr di yw Sam. Byddwn ni'n cwrdd bob wythnos.", "cy")
    assert welsh is not None
    assert welsh.rough
    assert readability.syllables("table") == 2
    assert readability.syllables("make") == 1


def test_plan_is_made_in_report_order_with_not_yet_above_the_tier(world: World) -> None:
    child, _plan = _make(world)
    items = queries.items_of(child)
    assert [i.number for i in items] == [1, 2, 3]
    board = queries.board(items, 1)
    assert [i.number for i in board.now] == [1]
    assert board.next == []
    assert board.later == []
    assert [i.number for i in board.not_yet] == [2, 3]
    assert AuditEvent.objects.filter(verb=Verb.CREATE_PLAN, child_id=child.pk).exists()
    # An unknown tier holds nothing back.
    assert [i.number for i in queries.board(items, None).later] == [3]


def test_a_change_of_tier_highlights_items_until_reviewed(world: World, signed_in: SignIn) -> None:
    child, plan = _make(world)
    assess(child, 2, timezone.localdate())
    items = queries.items_of(child)
    latest = current_tier(child)
    plan = queries.plan_of(child)  # type: ignore[assignment]
    change = queries.tier_change(plan, latest, items)
    assert change is not None
    assert (change.before, change.after) == (1, 2)
    assert [i.number for i in change.became_suitable] == [2]
    client = signed_in(world.person("case_manager"))
    page = client.get(reverse("plans:plan", args=[child.pk]))
    assert "tier has changed" in page.content.decode()
    home = client.get(reverse("core:home"))
    assert reverse("plans:plan", args=[child.pk]) in home.content.decode()
    client.post(reverse("plans:seen", args=[child.pk]))
    plan = queries.plan_of(child)  # type: ignore[assignment]
    assert queries.tier_change(plan, current_tier(child), items) is None


def test_a_newer_approved_version_keeps_the_work_done(world: World) -> None:
    child, _plan = _make(world)
    first = PlanItem.objects.get(child=child, number=1)
    PlanItem.objects.filter(pk=first.pk).update(status="in_progress", notes="Going well")
    report = approved_report(child, version=2)
    report.recommendations.filter(number=3).delete()
    actor = load_actor(world.person("case_manager"))
    services.create_from_report(actor=actor, child=child, report=report)
    first.refresh_from_db()
    assert (first.status, first.notes) == ("in_progress", "Going well")
    assert PlanItem.objects.get(child=child, number=3).withdrawn


def test_dropping_an_item_needs_a_reason_and_nothing_typed_is_lost(
    world: World, signed_in: SignIn
) -> None:
    child, _plan = _make(world)
    item = PlanItem.objects.get(child=child, number=1)
    client = signed_in(world.person("case_manager"))
    url = reverse("plans:item", args=[child.pk, item.pk])
    data = {
        "status": "dropped",
        "dropped_reason": "",
        "owner": str(world.person("case_manager").pk),
        "notes": "Moved away for a month",
        "version": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter why the item was dropped" in body
    assert "Moved away for a month" in body
    data["dropped_reason"] = "The family moved away"
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.version) == ("dropped", 2)
    # A second save from the old page meets the conflict page, with what was typed.
    data["notes"] = "Typed on the old page"
    conflict = client.post(url, data)
    assert conflict.status_code == 409
    assert "Typed on the old page" in conflict.content.decode()


def test_my_plan_starts_from_a_draft_checks_readability_and_prints(
    world: World, signed_in: SignIn
) -> None:
    child, _plan = _make(world)
    client = signed_in(world.person("case_manager"))
    url = reverse("plans:my-plan", args=[child.pk, "child", "cy"])
    draft = client.get(url).content.decode()
    assert "Same room every Tuesday" in draft
    assert "Childline" in draft
    data = {
        "worker": "Sam yw dy weithiwr di.",
        "first_steps": "Cwrdd bob dydd Mawrth.",
        "what_matters": "Fy chwaer.",
        "get_help": "Ffonio Sam.",
        "action": "check",
    }
    checked = client.post(url, data)
    assert checked.status_code == 200
    assert "reading age" in checked.content.decode().lower()
    assert not MyPlan.objects.exists()
    data["action"] = "save"
    assert client.post(url, data).status_code == 302
    saved = MyPlan.objects.get(child=child, audience="child", language="cy")
    assert saved.worker == "Sam yw dy weithiwr di."
    printed = client.get(reverse("plans:my-plan-print", args=[child.pk, "child", "cy"]))
    assert 'lang="cy"' in printed.content.decode()
    pdf = client.get(reverse("plans:my-plan-pdf", args=[child.pk, "child", "cy"]))
    document = pikepdf.open(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in document.Root
    assert str(document.Root.Lang) == "cy"
    assert document.Root.MarkInfo.Marked
    fonts = {
        str(font.get("/BaseFont"))
        for page in document.pages
        for font in page.Resources.Font.values()
    }
    assert all("Liberation" in name or "Arial" in name for name in fonts)
    assert len(document.pages) == 1


def test_a_psychologist_reads_the_plan_but_does_not_work_it(
    world: World, signed_in: SignIn
) -> None:
    child, _plan = _make(world)
    client = signed_in(world.person("psychologist"))
    assert client.get(reverse("plans:plan", args=[child.pk])).status_code == 200
    assert client.post(reverse("plans:create", args=[child.pk])).status_code == 403


def test_my_plan_refuses_unknown_audiences(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    assert client.get(f"/children/{child.pk}/plan/my-plan/dog/en/").status_code == 404
