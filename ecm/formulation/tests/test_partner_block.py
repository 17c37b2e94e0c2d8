"""The formulation report in the "Shared with your agency" block of a shared child's
record: a link to what partner agencies see, exactly when that page opens for the
partner agency worker, never otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.consent.tests.factories import consent, withdraw
from ecm.core.access import load_actor
from ecm.formulation.models import ReportStatus
from ecm.formulation.queries import partner_shared_report
from ecm.formulation.tests.factories import approved, report

SignIn = Callable[[User], Client]
pytestmark = pytest.mark.django_db


def test_a_partner_with_consent_and_an_approved_report_gets_the_link(
    world: World, signed_in: SignIn
) -> None:
    made = approved(world)
    partner = signed_in(world.person("partner"))
    page = partner.get(reverse("children:detail", args=[made.child_id])).content.decode()
    shared = reverse("formulation:shared", args=[made.child_id])
    assert "Shared with your agency" in page
    assert f'href="{shared}"' in page
    assert "Read the formulation report shared with your agency" in page
    assert f"Version {made.version}, approved on" in page
    assert "For now, only these key facts" not in page
    # The link opens, and only the report page records reading the report.
    assert not AuditEvent.objects.filter(verb=Verb.VIEW_FORMULATION).exists()
    assert partner.get(shared).status_code == 200
    assert AuditEvent.objects.filter(verb=Verb.VIEW_FORMULATION).count() == 1


@pytest.mark.parametrize("status", [ReportStatus.DRAFT, ReportStatus.SUBMITTED])
def test_no_link_until_a_version_is_approved(
    world: World, signed_in: SignIn, status: ReportStatus
) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])
    report(child, status=status)
    partner = signed_in(world.person("partner"))
    page = partner.get(reverse("children:detail", args=[child.pk])).content.decode()
    shared = reverse("formulation:shared", args=[child.pk])
    assert shared not in page
    assert "For now, only these key facts" in page
    assert partner.get(shared).status_code == 404
    # Showing the record never records a refusal: only the page itself does.
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).count() == 1


def test_no_link_without_a_consent_in_force_naming_the_agency(world: World) -> None:
    made = approved(world)
    child = made.child
    actor = load_actor(world.person("partner"))
    assert partner_shared_report(actor, child) == made
    # Another agency named instead: no report for this partner (and no child page).
    other = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    record = child.consents.get(purpose="sharing")
    record.agencies.set([other])
    assert partner_shared_report(actor, child) is None
    # Named again, then withdrawn.
    record.agencies.set([world.agencies[1]])
    withdraw(record, date(2026, 2, 1))
    assert partner_shared_report(actor, child) is None
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).count() == 0


def test_the_page_of_a_child_not_shared_answers_404_so_no_link(
    world: World, signed_in: SignIn
) -> None:
    made = approved(world)
    other = world.services[1].agencies.create(name="Hafod CAMHS", kind="health")
    made.child.consents.get(purpose="sharing").agencies.set([other])
    partner = signed_in(world.person("partner"))
    assert partner.get(reverse("children:detail", args=[made.child_id])).status_code == 404
    assert partner.get(reverse("formulation:shared", args=[made.child_id])).status_code == 404


def test_a_partner_of_another_service_gets_no_report(world: World) -> None:
    made = approved(world)
    made.child.consents.get(purpose="sharing").agencies.add(world.agencies[2])
    assert partner_shared_report(load_actor(world.person("partner", 2)), made.child) is None


def test_staff_readers_get_their_own_block_not_the_partner_block(
    world: World, signed_in: SignIn
) -> None:
    made = approved(world)
    for role in ("case_manager", "psychologist", "team_manager", "senior_manager"):
        actor = load_actor(world.person(role))
        assert partner_shared_report(actor, made.child) is None, role
        page = signed_in(world.person(role)).get(reverse("children:detail", args=[made.child_id]))
        text = page.content.decode()
        assert "Shared with your agency" not in text, role
        assert reverse("formulation:shared", args=[made.child_id]) not in text, role
