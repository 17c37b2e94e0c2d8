"""Children's records through HTTP: lists, audit of reads, adding, editing, conflicts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World
from ecm.formulation.models import ReportStatus
from ecm.formulation.tests.factories import approved
from ecm.meetings.tests.factories import invite_agency, meeting

SignIn = Callable[[User], Client]


def new_child_post(**overrides: str) -> dict[str, str]:
    values = {
        "stage": "details",
        "legal_first_name": "Ffion",
        "legal_last_name": "Maddocks",
        "preferred_name": "",
        "date_of_birth_day": "14",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2011",
        "gender": "female",
        "gender_description": "",
        "ethnicity": "white_british",
        "language_preference": "cy",
        "language_other": "",
        "language_asked_on_day": "3",
        "language_asked_on_month": "9",
        "language_asked_on_year": "2026",
        "communication_needs": "Short sentences",
        "local_reference": "NEW001",
        "team": "",
        "case_manager": "",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_caseload_shows_only_my_children_and_audits_each(world: World, signed_in: SignIn) -> None:
    mine = world.child(1, legal_first_name="Alys")
    colleague = world.person("case_manager", 1)
    other_manager = world.person("team_manager", 1)
    theirs = world.child(1, legal_first_name="Bethan", case_manager=other_manager)
    elsewhere = world.child(2, legal_first_name="Ceri")
    client = signed_in(colleague)
    page = client.get(reverse("children:list") + "?scope=mine").content.decode()
    assert "Alys" in page
    assert "Bethan" not in page
    assert "Ceri" not in page
    shown = set(
        AuditEvent.objects.filter(verb=Verb.LIST_CHILD, user_id=colleague.pk).values_list(
            "child_id", flat=True
        )
    )
    assert shown == {mine.pk}
    service_page = client.get(reverse("children:list") + "?scope=service").content.decode()
    assert "Bethan" in service_page
    assert "Ceri" not in service_page
    assert theirs.pk
    assert elsewhere.pk


@pytest.mark.django_db
def test_search_term_is_kept_out_of_the_address(world: World, signed_in: SignIn) -> None:
    world.child(1, legal_first_name="Gwenllian", legal_last_name="Rhydderch")
    world.child(1, legal_first_name="Osian")
    client = signed_in(world.person("team_manager"))
    response = client.post(reverse("children:list"), {"search": "gwenllian", "scope": "service"})
    assert response.status_code == 302
    assert "gwenllian" not in response["Location"].lower()
    page = client.get(response["Location"]).content.decode()
    assert "Rhydderch" in page
    assert "Osian" not in page


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("children:list") + "?scope=service").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_caseload_query_count_is_the_same_for_1_and_50_children(
    world: World, signed_in: SignIn
) -> None:
    client = signed_in(world.person("case_manager"))
    world.child(1)
    one = _list_queries(client)
    for _ in range(49):
        world.child(1)
    fifty = _list_queries(client)
    assert one == fifty == 9


@pytest.mark.django_db
def test_child_page_query_count(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200
    # 14 before the formulation apps; the voice section adds 2, developmental mapping 1.
    # Formulation meetings add 3 (next meeting, last meeting's attendance, current tier).
    # The life timeline adds 1 (its counts, one aggregate).
    # Appointments add 3 (next ones; the window for the consistency figures; current tier),
    # missed appointments and enforcement 3 (open follow-ups; statutory orders; decisions).
    # Case notes add 1 (the newest notes), safeguarding 1 (open concerns), voluntary
    # engagement and transition 3 (open engagement; transition plan; open episode).
    # The plan adds 3 (the plan; its items; current tier).
    # The formulation report adds 1 (its newest two versions).
    assert len(queries) == 14 + 2 + 1 + 3 + 1 + 3 + 3 + 1 + 1 + 3 + 3 + 1


def _partner_page_queries(client: Client, child: Child, expected: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 200
    assert "Shared with your agency" in response.content.decode()
    assert expected in response.content.decode()
    return [query["sql"] for query in queries.captured_queries]


@pytest.mark.django_db
def test_partner_child_page_query_count(world: World, signed_in: SignIn) -> None:
    """A partner agency worker's view of a shared child: the key facts, then the
    "Shared with your agency" block, with as many queries for 1 meeting as for 6."""
    made = approved(world)
    child = made.child
    client = signed_in(world.person("partner"))
    # Nothing beyond the key facts yet: the consent is there, no meeting.
    made.status = ReportStatus.SUPERSEDED
    made.save()
    empty = _partner_page_queries(client, child, "For now, only these key facts")
    made.status = ReportStatus.APPROVED
    made.save()
    invite_agency(meeting(child), world.agencies[1])
    one = _partner_page_queries(client, child, "Read the formulation report")
    for days in range(1, 6):
        invite_agency(
            meeting(child, starts_at=timezone.now() + timedelta(days=days)), world.agencies[1]
        )
    six = _partner_page_queries(client, child, "meeting pack is on each invitation page")
    assert len(one) == len(six)
    # 9 before the block (session, user, memberships, the child, the audit event...).
    # With nothing to link to: the formulation report 2 (the sharing consent; the
    # approved version), the timeline 2 (the sharing consent; an invitation), the
    # meetings 2 (the sharing consent; the invitations).
    # 8 without the block: the session, the user, the memberships, the child, the audit
    # event, and the session's save (savepoint, update, release). The block adds 2 for
    # the timeline (the sharing consent; an invitation), 2 for the meetings (the sharing
    # consent; the invitations) and 2 for the formulation report (the sharing consent;
    # the approved version), whether or not there is anything to link to.
    assert len(empty) == len(one) == 8 + 2 + 2 + 2


@pytest.mark.django_db
def test_viewing_a_child_is_audited_with_role_service_and_request(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    user = world.person("psychologist")
    response = signed_in(user).get(reverse("children:detail", args=[child.pk]))
    event = AuditEvent.objects.get(verb=Verb.VIEW_CHILD, child_id=child.pk)
    assert event.user_id == user.pk
    assert event.role == "psychologist"
    assert event.service_id == child.service_id
    assert event.request_id == response["X-Request-ID"]


@pytest.mark.django_db
def test_add_a_child_after_checking_for_duplicates(world: World, signed_in: SignIn) -> None:
    existing = world.child(1, legal_first_name="Ffion", legal_last_name="Maddock")
    existing.date_of_birth = existing.date_of_birth.replace(year=2011, month=2, day=14)
    existing.save()
    client = signed_in(world.person("case_manager"))
    check = {
        "stage": "check",
        "legal_first_name": "Ffion",
        "legal_last_name": "Maddocks",
        "date_of_birth_day": "14",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2011",
    }
    page = client.post(reverse("children:new"), check).content.decode()
    assert "Is this child already recorded?" in page
    assert "Maddock" in page
    details = client.post(reverse("children:new"), {**check, "stage": "continue"})
    assert 'value="Maddocks"' in details.content.decode()
    response = client.post(reverse("children:new"), new_child_post())
    assert response.status_code == 302
    child = Child.objects.get(local_reference="NEW001")
    assert child.service == world.services[1]
    assert child.language_asked_on is not None
    assert AuditEvent.objects.filter(verb=Verb.CREATE_CHILD, child_id=child.pk).exists()


@pytest.mark.django_db
def test_bad_input_is_explained_at_the_field_and_nothing_is_lost(
    world: World, signed_in: SignIn
) -> None:
    client = signed_in(world.person("case_manager"))
    response = client.post(
        reverse("children:new"),
        new_child_post(date_of_birth_month="13", local_reference="", gender="other"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Date of birth must be a real date" in page
    assert "Enter your service&#x27;s reference for the child" in page
    assert "Enter the term the child uses" in page
    assert 'href="#id_date_of_birth_day"' in page
    assert 'value="13"' in page
    assert 'value="Ffion"' in page
    assert "Short sentences" in page
    assert not Child.objects.filter(legal_last_name="Maddocks").exists()


@pytest.mark.django_db
def test_date_of_birth_messages(world: World, signed_in: SignIn) -> None:
    client = signed_in(world.person("case_manager"))
    missing = client.post(reverse("children:new"), new_child_post(date_of_birth_year=""))
    assert "Date of birth must include a year" in missing.content.decode()
    future = client.post(reverse("children:new"), new_child_post(date_of_birth_year="2099"))
    assert "Date of birth must be today or in the past" in future.content.decode()


def _edit_post(child: Child, version: int, **overrides: str) -> dict[str, str]:
    values = new_child_post(
        legal_first_name=child.legal_first_name,
        legal_last_name=child.legal_last_name,
        local_reference=child.local_reference,
        version=str(version),
    )
    values.pop("stage")
    values.update(overrides)
    return values


@pytest.mark.django_db
def test_two_editors_never_silently_overwrite_each_other(world: World) -> None:
    from ecm.conftest import sign_in

    child = world.child(1)
    first = sign_in(Client(), world.person("case_manager"))
    second = sign_in(Client(), world.person("team_manager"))
    url = reverse("children:edit", args=[child.pk])
    first.get(url)
    second.get(url)
    saved = first.post(url, _edit_post(child, 1, communication_needs="Needs a quiet room"))
    assert saved.status_code == 302
    clash = second.post(url, _edit_post(child, 1, communication_needs="Uses pictures"))
    page = clash.content.decode()
    assert clash.status_code == 409
    assert "Someone else changed this record" in page
    assert "Needs a quiet room" in page
    assert "Uses pictures" in page
    child.refresh_from_db()
    assert child.communication_needs == "Needs a quiet room"
    # Saving again from the conflict page is a deliberate replacement.
    again = second.post(url, _edit_post(child, 2, communication_needs="Uses pictures"))
    assert again.status_code == 302
    child.refresh_from_db()
    assert child.communication_needs == "Uses pictures"
    assert child.version == 3
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, child_id=child.pk).count() == 1


@pytest.mark.django_db
def test_psychologist_may_read_but_not_change(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("psychologist"))
    url = reverse("children:edit", args=[child.pk])
    assert client.post(url, _edit_post(child, 1)).status_code == 403
    assert client.post(reverse("children:new"), new_child_post()).status_code == 403
    assert not Child.objects.filter(local_reference="NEW001").exists()


@pytest.mark.django_db
def test_other_services_children_are_not_found_for_writes(world: World, signed_in: SignIn) -> None:
    child = world.child(2)
    client = signed_in(world.person("team_manager", 1))
    response = client.post(reverse("children:edit", args=[child.pk]), _edit_post(child, 1))
    assert response.status_code == 404
    child.refresh_from_db()
    assert child.version == 1


@pytest.mark.django_db
def test_psychologist_covering_two_services_sees_both(world: World, signed_in: SignIn) -> None:
    from ecm.organisations.models import Membership

    psychologist = world.person("psychologist", 1)
    Membership.objects.create(user=psychologist, service=world.services[2], role="psychologist")
    world.child(1, legal_first_name="Aneira")
    world.child(2, legal_first_name="Bronwen")
    page = signed_in(psychologist).get(reverse("children:list") + "?scope=service")
    text = page.content.decode()
    assert "Aneira" in text
    assert "Bronwen" in text
