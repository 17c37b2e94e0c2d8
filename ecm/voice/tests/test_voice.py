"""The child's and family's voice through HTTP: reading, recording, bad input, the
latest record per person, partner agency workers refused, and query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

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
from ecm.consent.tests.factories import consent, person
from ecm.core.access import load_actor
from ecm.voice import overview, queries
from ecm.voice.models import VoiceRecord
from ecm.voice.tests.factories import voice, voice_post

SignIn = Callable[[User], Client]
RECORDERS = ["case_manager", "team_manager", "psychologist"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "psychologist", "team_manager", "senior_manager"])
def test_staff_readers_see_the_latest_words_of_each_person(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = world.child(1, legal_first_name="Seren")
    mother = person(child, full_name="Carys Penry")
    voice(child, what_matters="Old words", recorded_on=date(2026, 1, 10))
    newest = voice(child, what_matters="Football on Saturdays", recorded_on=date(2026, 5, 2))
    voice(child, mother, what_matters="That she stays at home with us")
    page = signed_in(world.person(role)).get(reverse("voice:index", args=[child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Football on Saturdays" in text
    assert "Old words" not in text  # earlier records are listed, not shown
    assert reverse("voice:version", args=[child.pk, newest.pk - 1]) in text
    assert "10 January 2026, with Case Manager 1" in text
    assert "That she stays at home with us" in text
    assert "Carys Penry (Mother)" in text
    assert ("Record what they say now" in text) == (role in RECORDERS)
    assert AuditEvent.objects.filter(verb=Verb.VIEW_VOICE, child_id=child.pk).exists()


@pytest.mark.django_db
def test_an_earlier_record_can_be_read(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    older = voice(child, what_matters="Before the move", recorded_on=date(2026, 2, 1))
    voice(child, what_matters="After the move", recorded_on=date(2026, 7, 1))
    page = signed_in(world.person("senior_manager")).get(
        reverse("voice:version", args=[child.pk, older.pk])
    )
    assert page.status_code == 200
    assert "Before the move" in page.content.decode()
    assert "What they said on 1 February 2026" in page.content.decode()
    assert AuditEvent.objects.filter(
        verb=Verb.VIEW_VOICE, object_type="voice_record", object_id=str(older.pk)
    ).exists()


@pytest.mark.django_db
def test_a_record_of_another_child_is_not_found(world: World, signed_in: SignIn) -> None:
    child, other = world.child(1), world.child(1)
    theirs = voice(other)
    page = signed_in(world.person("case_manager")).get(
        reverse("voice:version", args=[child.pk, theirs.pk])
    )
    assert page.status_code == 404


def test_latest_per_person_is_by_date_recorded_then_the_latest_added(world: World) -> None:
    child = world.child(1)
    mother = person(child, full_name="Carys Penry")
    father = person(child, full_name="Dafydd Penry", relationship="father")
    voice(child, what_matters="Newest by date", recorded_on=date(2026, 5, 1))
    # Typed in later from an older paper form: not the latest.
    voice(child, what_matters="Older, added later", recorded_on=date(2026, 3, 1))
    voice(child, mother, what_matters="First", recorded_on=date(2026, 4, 1))
    voice(child, mother, what_matters="Same day, added second", recorded_on=date(2026, 4, 1))
    voice(world.child(1), what_matters="Another child's")
    latest = queries.latest_voices(child)
    assert [(r.person, r.what_matters) for r in latest] == [
        (None, "Newest by date"),
        (mother, "Same day, added second"),
    ]
    assert father not in [r.person for r in latest]


@pytest.mark.django_db
@pytest.mark.parametrize("role", RECORDERS)
def test_record_the_childs_words(world: World, signed_in: SignIn, role: str) -> None:
    child = world.child(1)
    client = signed_in(world.person(role))
    form = client.get(reverse("voice:record", args=[child.pk])).content.decode()
    assert "What matters to me" in form
    assert 'name="submission"' in form
    response = client.post(
        reverse("voice:record", args=[child.pk]),
        voice_post(recorded_with=str(world.person("case_manager").pk), how="written_by_child"),
    )
    assert response.status_code == 302
    record = VoiceRecord.objects.get(child=child)
    assert record.person is None
    assert record.version == 1
    assert record.what_matters == "Getting back into football"
    assert record.how == "written_by_child"
    assert record.recorded_on == date(2026, 9, 3)
    assert record.recorded_with == world.person("case_manager")
    assert record.recorded_by == world.person(role)
    event = AuditEvent.objects.get(verb=Verb.RECORD_VOICE, child_id=child.pk)
    assert event.object_id == str(record.pk)
    assert "football" not in str(event.detail).lower()  # the words are not copied


@pytest.mark.django_db
def test_a_carer_is_asked_again_and_versions_are_kept(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    mother = person(child, full_name="Carys Penry")
    client = signed_in(world.person("case_manager"))
    form = client.get(reverse("voice:record", args=[child.pk]) + f"?person={mother.pk}")
    assert f'value="{mother.pk}" checked' in form.content.decode()
    for words in ("He needs routine", "He is doing better at school"):
        client.post(
            reverse("voice:record", args=[child.pk]),
            voice_post(
                person=str(mother.pk),
                what_matters=words,
                recorded_with=str(world.person("case_manager").pk),
            ),
        )
    records = list(VoiceRecord.objects.filter(person=mother).order_by("version"))
    assert [(r.version, r.what_matters) for r in records] == [
        (1, "He needs routine"),
        (2, "He is doing better at school"),
    ]
    assert not VoiceRecord.objects.filter(child=child, person=None).exists()


@pytest.mark.django_db
def test_a_form_sent_twice_records_once(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    data = voice_post(
        recorded_with=str(world.person("case_manager").pk),
        submission="0b5b4bd4-5a55-4a5e-9d1c-2d8c7f4b8e11",
    )
    client.post(reverse("voice:record", args=[child.pk]), data)
    client.post(reverse("voice:record", args=[child.pk]), data)
    assert VoiceRecord.objects.filter(child=child).count() == 1


@pytest.mark.django_db
def test_senior_managers_cannot_record(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    response = signed_in(world.person("senior_manager")).post(
        reverse("voice:record", args=[child.pk]),
        voice_post(recorded_with=str(world.person("case_manager").pk)),
    )
    assert response.status_code == 403
    assert not VoiceRecord.objects.exists()


def _errors(client: Client, child_id: int, **overrides: str) -> str:
    response = client.post(reverse("voice:record", args=[child_id]), voice_post(**overrides))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_bad_input_is_refused_and_nothing_typed_is_lost(world: World, signed_in: SignIn) -> None:
    child = world.child(1, date_of_birth=date(2012, 4, 4))
    mother = person(child)
    client = signed_in(world.person("case_manager"))
    staff = str(world.person("case_manager").pk)
    empty = dict.fromkeys(
        ("what_matters", "what_helps", "what_does_not_help", "for_the_meeting", "who_i_trust"), ""
    )

    text = _errors(client, child.pk, recorded_with=staff, **empty)
    assert "Write down at least one thing the child said" in text
    assert 'href="#id_what_matters"' in text
    text = _errors(client, child.pk, recorded_with=staff, person=str(mother.pk), **empty)
    assert "Write down at least one thing the parent or carer said" in text

    tomorrow = timezone.localdate() + timedelta(days=1)
    text = _errors(
        client,
        child.pk,
        recorded_with=staff,
        what_helps="Chips after school",
        recorded_on_day=str(tomorrow.day),
        recorded_on_month=str(tomorrow.month),
        recorded_on_year=str(tomorrow.year),
    )
    assert "Date recorded must be today or in the past" in text
    assert "Chips after school" in text
    text = _errors(client, child.pk, recorded_with=staff, recorded_on_year="2011")
    assert "Date recorded must be on or after the child&#x27;s date of birth" in text
    text = _errors(client, child.pk, recorded_with=staff, recorded_on_month="13")
    assert "Date recorded must be a real date" in text
    text = _errors(client, child.pk, recorded_with=staff, how="other")
    assert "Describe how they shared it" in text
    text = _errors(client, child.pk, recorded_with=str(world.person("case_manager", 2).pk))
    assert "Select who it was recorded with" in text
    text = _errors(client, child.pk, recorded_with=staff, person=str(person(world.child(1)).pk))
    assert "Select whose words these are" in text
    # Everything typed is still there.
    assert "Getting back into football" in text
    assert "Being shouted at" in text
    assert not VoiceRecord.objects.exists()


@pytest.mark.django_db
def test_partner_agency_workers_are_refused_and_the_attempt_is_audited(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])  # shared with their agency
    record = voice(child)
    client = signed_in(world.person("partner"))
    assert client.get(reverse("children:detail", args=[child.pk])).status_code == 200
    for url in (
        reverse("voice:index", args=[child.pk]),
        reverse("voice:record", args=[child.pk]),
        reverse("voice:version", args=[child.pk, record.pk]),
    ):
        assert client.get(url).status_code == 404
    refusals = AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=child.pk)
    assert refusals.count() == 3
    assert {e.user_id for e in refusals} == {world.person("partner").pk}
    page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "My little brother" not in page


@pytest.mark.django_db
def test_the_childs_words_come_first_on_their_record(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    mother = person(child, full_name="Carys Penry")
    person(child, full_name="Dafydd Penry", relationship="father")
    voice(child, what_matters="Seeing my nan", for_the_meeting="I want to go back to school")
    voice(child, mother, who_i_trust="Her aunty Lowri")
    text = (
        signed_in(world.person("psychologist"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "In the child's own words" in text
    assert "I want to go back to school" in text
    assert "Her aunty Lowri" in text
    assert "Not recorded yet: Dafydd Penry (Father)" in text


@pytest.mark.django_db
def test_overview_asks_for_the_childs_words_when_there_are_none(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    text = (
        signed_in(world.person("team_manager"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "The child's own words are not recorded yet" in text


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _more_records(child: Child) -> None:
    for n in range(8):
        carer = person(child, full_name=f"Carer {n}")
        voice(child, carer)
        voice(child, carer, recorded_on=date(2026, 7, 1))
        voice(child, recorded_on=date(2026, 1, 1 + n))


@pytest.mark.django_db
def test_query_counts_are_the_same_for_1_and_many_records(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    first = voice(child)
    client = signed_in(world.person("case_manager"))
    urls = {
        "index": reverse("voice:index", args=[child.pk]),
        "version": reverse("voice:version", args=[child.pk, first.pk]),
        "record": reverse("voice:record", args=[child.pk]),
    }
    one = {name: _queries(client, url) for name, url in urls.items()}
    _more_records(child)
    many = {name: _queries(client, url) for name, url in urls.items()}
    assert one == many == {"index": 10, "version": 9, "record": 10}


@pytest.mark.django_db
def test_the_overview_section_takes_two_queries_and_the_child_page_stays_constant(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    actor = load_actor(world.person("case_manager"))
    client = signed_in(world.person("case_manager"))
    url = reverse("children:detail", args=[child.pk])
    counts = []
    for add in (lambda: None, lambda: voice(child), lambda: _more_records(child)):
        add()
        with CaptureQueriesContext(connection) as captured:
            assert overview.section(actor, child) is not None
        counts.append(len(captured))
        counts.append(_queries(client, url))
    assert counts[0::2] == [2, 2, 2]
    assert len(set(counts[1::2])) == 1
