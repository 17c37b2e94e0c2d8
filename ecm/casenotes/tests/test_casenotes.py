"""Case notes through HTTP: who reads which note, drafts and final notes, corrections,
the history of edits, conflicts, double submission and bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.casenotes.models import CaseNote, NoteVersion
from ecm.casenotes.tests.factories import note, note_post
from ecm.conftest import World, make_user, sign_in
from ecm.organisations.models import Membership

SignIn = Callable[[User], Client]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("case_manager", {"everyone", "ecm_team"}),
        ("psychologist", {"everyone", "ecm_team", "clinical"}),
        ("team_manager", {"everyone", "ecm_team"}),
        ("senior_manager", {"everyone"}),
    ],
)
def test_each_reader_sees_the_notes_their_place_in_the_team_allows(
    world: World, signed_in: SignIn, role: str, expected: set[str]
) -> None:
    child = world.child(1)
    for level, author in (
        ("everyone", "case_manager"),
        ("ecm_team", "team_manager"),
        ("clinical", "psychologist"),
    ):
        note(child, world.person(author), title=f"Note for {level}", visibility=level)
    text = signed_in(world.person(role)).get(reverse("casenotes:index", args=[child.pk]))
    body = text.content.decode()
    shown = {level for level in ("everyone", "ecm_team", "clinical") if f"Note for {level}" in body}
    assert shown == expected
    assert AuditEvent.objects.filter(verb=Verb.VIEW_CASE_NOTES, child_id=child.pk).exists()


@pytest.mark.django_db
def test_another_case_manager_is_not_in_the_ecm_team_but_reads_their_own_notes(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    colleague = make_user("case-manager-1b")
    Membership.objects.create(user=colleague, service=world.services[1], role="case_manager")
    note(child, world.person("team_manager"), title="ECM team only", visibility="ecm_team")
    note(child, colleague, title="My clinical-only note", visibility="clinical")
    body = signed_in(colleague).get(reverse("casenotes:index", args=[child.pk])).content.decode()
    assert "ECM team only" not in body
    assert "My clinical-only note" in body
    hidden = CaseNote.objects.get(title="ECM team only")
    url = reverse("casenotes:detail", args=[child.pk, hidden.pk])
    assert signed_in(colleague).get(url).status_code == 404


@pytest.mark.django_db
def test_a_draft_is_its_authors_alone_until_final(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    author = world.person("case_manager")
    client = signed_in(author)
    response = client.post(
        reverse("casenotes:add", args=[child.pk]), note_post(save_as="draft", title="Half done")
    )
    draft = CaseNote.objects.get(title="Half done")
    assert response["Location"] == reverse("casenotes:detail", args=[child.pk, draft.pk])
    assert draft.state == "draft"
    manager = sign_in(Client(), world.person("team_manager"))
    assert manager.get(reverse("casenotes:detail", args=[child.pk, draft.pk])).status_code == 404
    assert (
        "Half done" not in manager.get(reverse("casenotes:index", args=[child.pk])).content.decode()
    )

    change = reverse("casenotes:change", args=[child.pk, draft.pk])
    client.post(change, note_post(title="Now complete", version="1", save_as="final"))
    draft.refresh_from_db()
    assert draft.state == "final"
    assert draft.finalised_at is not None
    assert draft.version == 2
    assert (
        "Now complete" in manager.get(reverse("casenotes:index", args=[child.pk])).content.decode()
    )
    versions = list(NoteVersion.objects.filter(note=draft).order_by("number"))
    assert [(v.number, v.title, v.state) for v in versions] == [
        (1, "Half done", "draft"),
        (2, "Now complete", "final"),
    ]
    history = manager.get(reverse("casenotes:detail", args=[child.pk, draft.pk])).content.decode()
    assert "Half done" in history
    assert "Now complete" in history
    assert AuditEvent.objects.filter(verb=Verb.FINALISE_CASE_NOTE, object_id=str(draft.pk)).exists()


@pytest.mark.django_db
def test_a_final_note_cannot_be_changed_only_corrected(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    final = note(child, title="Met at school")
    client = signed_in(world.person("case_manager"))
    change = reverse("casenotes:change", args=[child.pk, final.pk])
    page = client.get(change)
    assert "This note is final" in page.content.decode()
    client.post(change, note_post(title="Sneaky edit", version="1"))
    final.refresh_from_db()
    assert final.title == "Met at school"
    correct = reverse("casenotes:correct", args=[child.pk, final.pk])
    assert "Met at school" in client.get(correct).content.decode()
    client.post(correct, note_post(title="Met at college, not school"))
    correction = CaseNote.objects.get(title="Met at college, not school")
    assert correction.corrects == final
    detail = client.get(reverse("casenotes:detail", args=[child.pk, final.pk])).content.decode()
    assert "This note has been corrected" in detail
    assert "Met at college, not school" in detail


@pytest.mark.django_db
def test_only_the_author_changes_a_draft(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    draft = note(child, world.person("team_manager"), final=False)
    url = reverse("casenotes:change", args=[child.pk, draft.pk])
    # The case manager cannot even see someone else's draft.
    assert signed_in(world.person("case_manager")).get(url).status_code == 404


@pytest.mark.django_db
def test_a_draft_saved_elsewhere_meanwhile_shows_a_conflict_and_keeps_the_text(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    draft = note(child, final=False, title="First go")
    CaseNote.objects.filter(pk=draft.pk).update(version=3, title="Saved in the other window")
    response = signed_in(world.person("case_manager")).post(
        reverse("casenotes:change", args=[child.pk, draft.pk]),
        note_post(title="My version", version="1", save_as="draft"),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Saved in the other window" in body
    assert "My version" in body
    draft.refresh_from_db()
    assert draft.title == "Saved in the other window"
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, object_type="case_note").exists()


@pytest.mark.django_db
def test_a_double_submitted_note_is_saved_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    data = note_post(submission="8a4c0e7e-3c9d-4a8e-9d65-3a1c3c9b2a11")
    url = reverse("casenotes:add", args=[child.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first["Location"] == second["Location"]
    assert CaseNote.objects.filter(child=child).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"noted_on_day": "31", "noted_on_month": "2"}, "Date must be a real date"),
        ({"noted_on_year": "2001"}, "Date must be on or after the child&#x27;s date of birth"),
        ({"noted_on_year": "2099"}, "Date must be today or in the past"),
        ({"title": ""}, "Enter a summary"),
        ({"text": ""}, "Enter the note"),
        ({"kind": None}, "Select the type of note"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_typed_is_lost(
    world: World, signed_in: SignIn, overrides: dict[str, str | None], message: str
) -> None:
    child = world.child(1, date_of_birth=date(2010, 5, 1))
    data = note_post(**{"text": "Everything I typed", **overrides})
    response = signed_in(world.person("case_manager")).post(
        reverse("casenotes:add", args=[child.pk]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "govuk-error-summary" in body
    if "text" not in overrides:
        assert "Everything I typed" in body
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_psychologists_write_notes_senior_managers_do_not(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    url = reverse("casenotes:add", args=[child.pk])
    assert signed_in(world.person("senior_manager")).post(url, note_post()).status_code == 403
    response = signed_in(world.person("psychologist")).post(url, note_post(visibility="clinical"))
    assert response.status_code == 302
    assert CaseNote.objects.get().author == world.person("psychologist")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_notes_page_query_count_is_the_same_for_1_and_30_notes(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    url = reverse("casenotes:index", args=[child.pk])
    note(child)
    one = _queries(client, url)
    for n in range(29):
        note(child, title=f"Note {n}", corrects=CaseNote.objects.first())
    assert one == _queries(client, url) == 9
