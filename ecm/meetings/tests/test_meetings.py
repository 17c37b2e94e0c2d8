"""Formulation meetings through HTTP: scheduling, inviting, answering, the day itself,
bad input refused with the values kept, audit and pinned query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, make_user, sign_in
from ecm.episodes.models import Episode
from ecm.meetings.models import FormulationMeeting, Invitation, MeetingAction, MeetingStatus
from ecm.meetings.tests.factories import action, invite_agency, meeting
from ecm.organisations.models import Membership
from ecm.trm.models import Tier, TierAssessment

SignIn = Callable[[User], Client]


def _date(prefix: str, day: date | None) -> dict[str, str]:
    parts = ("", "", "") if day is None else (str(day.day), str(day.month), str(day.year))
    return {f"{prefix}_day": parts[0], f"{prefix}_month": parts[1], f"{prefix}_year": parts[2]}


def schedule_post(world: World, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        **_date("meeting_date", timezone.localdate() + timedelta(days=14)),
        "meeting_time": "14:30",
        "place": "Room 2, Lampeter office",
        "chair": str(world.person("psychologist").pk),
        "agencies": [str(world.agencies[1].pk)],
        "people": [str(world.person("case_manager").pk)],
        "others": "Eirlys Jones, grandmother\n\nRhodri Evans, football coach",
        "link_episode": "on",
    }
    values.update(overrides)
    return values


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("psychologist", 302),
        ("team_manager", 302),
        ("case_manager", 403),
        ("senior_manager", 403),
        ("partner", 404),
        ("evaluator", 404),
    ],
)
def test_who_schedules(world: World, role: str, status: int) -> None:
    child = world.child(1)
    client = sign_in(Client(), world.person(role))
    response = client.post(reverse("meetings:schedule", args=[child.pk]), schedule_post(world))
    assert response.status_code == status


@pytest.mark.django_db
def test_schedule_a_meeting_with_invitations_and_the_open_episode(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1, legal_first_name="Seren")
    episode = Episode.objects.create(
        child=child,
        stage="formulation",
        stage_since=timezone.now(),
        referred_on=timezone.localdate() - timedelta(days=60),
        referred_by=world.person("case_manager"),
        source="case_manager",
        reason="Several agencies are worried",
    )
    client = signed_in(world.person("psychologist"))
    page = client.get(reverse("meetings:schedule", args=[child.pk])).content.decode()
    assert "Record it as part of the child&#x27;s ECM episode" in page
    response = client.post(reverse("meetings:schedule", args=[child.pk]), schedule_post(world))
    made = FormulationMeeting.objects.get()
    assert response["Location"] == reverse("meetings:detail", args=[made.pk])
    assert timezone.localtime(made.starts_at).strftime("%H:%M") == "14:30"
    assert made.episode == episode
    assert made.status == MeetingStatus.SCHEDULED
    labels = sorted(i.label for i in made.invitations.select_related("agency", "invitee"))
    assert labels == sorted(["Agency 1", "Case Manager 1", "Eirlys Jones", "Rhodri Evans"])
    assert made.invitations.get(name="Eirlys Jones").role_note == "grandmother"
    event = AuditEvent.objects.get(verb=Verb.SCHEDULE_MEETING)
    assert event.child_id == child.pk
    assert event.detail["named"] == 2
    assert "Eirlys" not in str(event.detail)
    # Sent twice (the same submission id): one meeting.
    data = schedule_post(world, submission=str(made.submission))
    client.post(reverse("meetings:schedule", args=[child.pk]), data)
    assert FormulationMeeting.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"chair": "case"}, "chair", "The chair must be a clinical psychologist"),
        ({"meeting_time": "25:00"}, "meeting_time", "24-hour clock, like 14:30"),
        ({"meeting_time": "half two"}, "meeting_time", "24-hour clock, like 14:30"),
        ({"meeting_time": ""}, "meeting_time", "Enter the start time"),
        ({"place": ""}, "place", "Enter where the meeting will be, or tick online"),
        ({"meeting_date_month": ""}, "meeting_date", "must include a month"),
        ({"meeting_date_day": "31", "meeting_date_month": "2"}, "meeting_date", "real date"),
        ({"past": True}, "meeting_date", "must be today or in the future"),
        ({"agencies": ["other"]}, "agencies", "Choose partner agencies of the child"),
    ],
)
def test_bad_scheduling_is_refused_and_nothing_typed_is_lost(
    world: World, signed_in: SignIn, overrides: dict[str, object], field: str, message: str
) -> None:
    child = world.child(1)
    data = schedule_post(world)
    if overrides.pop("past", False):
        data.update(_date("meeting_date", timezone.localdate() - timedelta(days=1)))
    if overrides.get("chair") == "case":
        overrides["chair"] = str(world.person("case_manager").pk)
    if overrides.get("agencies") == ["other"]:
        overrides["agencies"] = [str(world.agencies[2].pk)]
    data.update(overrides)
    response = signed_in(world.person("team_manager")).post(
        reverse("meetings:schedule", args=[child.pk]), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}-error"' in page
    assert "There is a problem" in page
    assert "Rhodri Evans, football coach" in page
    assert not FormulationMeeting.objects.exists()


@pytest.mark.django_db
def test_a_psychologist_of_another_service_cannot_chair(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    data = schedule_post(world, chair=str(world.person("psychologist", 2).pk))
    page = signed_in(world.person("team_manager")).post(
        reverse("meetings:schedule", args=[child.pk]), data
    )
    assert "The chair must be a clinical psychologist" in page.content.decode()
    assert not FormulationMeeting.objects.exists()


@pytest.mark.django_db
def test_online_meeting_needs_no_place(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    data = schedule_post(world, place="", online="on", agencies=[], people=[], others="")
    response = signed_in(world.person("psychologist")).post(
        reverse("meetings:schedule", args=[child.pk]), data
    )
    assert response.status_code == 302
    assert FormulationMeeting.objects.get().online


@pytest.mark.django_db
def test_invite_more_people_and_agencies_already_invited_are_not_offered(
    world: World, signed_in: SignIn
) -> None:
    made = meeting(world.child(1))
    invite_agency(made, world.agencies[1])
    client = signed_in(world.person("case_manager"))
    page = client.get(reverse("meetings:invite", args=[made.pk])).content.decode()
    assert "Agency 1" not in page
    empty = client.post(reverse("meetings:invite", args=[made.pk]), {"others": ""})
    assert "Choose an agency or a person to invite" in empty.content.decode()
    response = client.post(
        reverse("meetings:invite", args=[made.pk]),
        {"people": [str(world.person("team_manager").pk)], "others": "Nain, grandmother"},
    )
    assert response.status_code == 302
    assert made.invitations.count() == 3
    assert AuditEvent.objects.filter(verb=Verb.INVITE_TO_MEETING, child_id=made.child_id).exists()


@pytest.mark.django_db
def test_a_staff_invitee_answers_from_their_own_page_and_home(
    world: World, signed_in: SignIn
) -> None:
    made = meeting(world.child(1, legal_first_name="Seren"))
    invited = Invitation.objects.create(meeting=made, invitee=world.person("senior_manager"))
    client = signed_in(world.person("senior_manager"))
    home = client.get(reverse("core:home")).content.decode()
    assert "Meetings you are invited to" in home
    assert reverse("meetings:invitation", args=[invited.pk]) in home
    empty = client.post(reverse("meetings:invitation", args=[invited.pk]), {})
    assert "Say whether you can come" in empty.content.decode()
    response = client.post(
        reverse("meetings:invitation", args=[invited.pk]), {"response": "apologies"}
    )
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.response == "apologies"
    assert invited.responded_by == world.person("senior_manager")
    assert "Meetings you are invited to" not in client.get(reverse("core:home")).content.decode()
    # Someone else's invitation: a senior manager may see the meeting, not answer for others.
    other = Invitation.objects.create(meeting=made, name="Eirlys Jones")
    assert client.get(reverse("meetings:invitation", args=[other.pk])).status_code == 403


@pytest.mark.django_db
def test_the_chair_records_an_answer_for_someone_without_an_account(
    world: World, signed_in: SignIn
) -> None:
    made = meeting(world.child(1), chair=world.person("psychologist"))
    grandmother = Invitation.objects.create(meeting=made, name="Eirlys Jones")
    client = signed_in(world.person("psychologist"))
    page = client.get(reverse("meetings:invitation", args=[grandmother.pk])).content.decode()
    assert "Can Eirlys Jones come?" in page
    client.post(reverse("meetings:invitation", args=[grandmother.pk]), {"response": "confirmed"})
    grandmother.refresh_from_db()
    assert grandmother.response == "confirmed"
    event = AuditEvent.objects.get(verb=Verb.ANSWER_INVITATION)
    assert event.detail == {"response": "confirmed", "on_behalf": True}


def _record_post(made: FormulationMeeting, **overrides: str) -> dict[str, str]:
    values = {
        "welsh_offered": "yes",
        "language_used": "cy",
        "notes": "Everyone agreed school is the safest place in the week.",
        "version": str(made.version),
        "held": "yes",
    }
    for invitation in made.invitations.all():
        values[f"attended_{invitation.pk}"] = "yes"
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


@pytest.mark.django_db
def test_marking_held_needs_the_language_fields_and_attendance(
    world: World, signed_in: SignIn
) -> None:
    made = meeting(world.child(1), starts_at=timezone.now() - timedelta(hours=2))
    agency = invite_agency(made, world.agencies[1])
    client = signed_in(world.person("case_manager"))
    url = reverse("meetings:record", args=[made.pk])
    response = client.post(
        url, _record_post(made, welsh_offered="", language_used="", **{f"attended_{agency.pk}": ""})
    )
    page = response.content.decode()
    assert "Say whether the family was offered the meeting in Welsh" in page
    assert "Choose the language the meeting was held in" in page
    assert "Say whether Agency 1 attended" in page
    assert "Everyone agreed school is the safest place" in page
    made.refresh_from_db()
    assert made.status == MeetingStatus.SCHEDULED
    # Saving for now needs none of them.
    draft = _record_post(made, welsh_offered="", language_used="", held=None)  # type: ignore[arg-type]
    assert client.post(url, draft).status_code == 302
    made.refresh_from_db()
    assert made.status == MeetingStatus.SCHEDULED
    assert made.notes.startswith("Everyone agreed")
    assert (
        client.post(url, _record_post(made, **{f"attended_{agency.pk}": "no"})).status_code == 302
    )
    made.refresh_from_db()
    agency.refresh_from_db()
    assert made.status == MeetingStatus.HELD
    assert made.welsh_offered is True
    assert made.language_used == "cy"
    assert agency.attended is False
    events = AuditEvent.objects.filter(verb=Verb.RECORD_MEETING, child_id=made.child_id)
    assert [e.detail["held"] for e in events.order_by("pk")] == [False, True]
    assert "school" not in str(events.last().detail)  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_meeting_cannot_be_held_before_it_starts_and_stale_saves_conflict(
    world: World, signed_in: SignIn
) -> None:
    made = meeting(world.child(1))
    client = signed_in(world.person("team_manager"))
    url = reverse("meetings:record", args=[made.pk])
    page = client.post(url, _record_post(made)).content.decode()
    assert "can be marked as held once it has started" in page
    stale = _record_post(made, held=None, notes="My notes")  # type: ignore[arg-type]
    assert client.post(url, _record_post(made, held=None)).status_code == 302  # type: ignore[arg-type]
    conflict = client.post(url, stale)
    assert conflict.status_code == 409
    assert "My notes" in conflict.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, child_id=made.child_id).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "status"),
    [("case_manager", 200), ("psychologist", 200), ("team_manager", 200), ("senior_manager", 403)],
)
def test_who_records_the_day(world: World, role: str, status: int) -> None:
    made = meeting(world.child(1), chair=world.person("psychologist"))
    client = sign_in(Client(), world.person(role))
    for name in ("meetings:record", "meetings:action-add", "meetings:tier"):
        assert client.get(reverse(name, args=[made.pk])).status_code == status


@pytest.mark.django_db
def test_another_psychologist_of_the_service_does_not_record_the_day(world: World) -> None:
    other = make_user("psychologist-1b")
    Membership.objects.create(user=other, service=world.services[1], role="psychologist")
    made = meeting(world.child(1), chair=world.person("psychologist"))
    client = sign_in(Client(), other)
    assert client.get(reverse("meetings:detail", args=[made.pk])).status_code == 200
    assert client.get(reverse("meetings:record", args=[made.pk])).status_code == 403


@pytest.mark.django_db
def test_actions_with_owners_and_due_dates(world: World, signed_in: SignIn) -> None:
    day = timezone.localdate() + timedelta(days=3)
    made = meeting(
        world.child(1), starts_at=timezone.make_aware(datetime.combine(day, datetime.min.time()))
    )
    client = signed_in(world.person("case_manager"))
    url = reverse("meetings:action-add", args=[made.pk])
    base = {"description": "Ask for a speech and language assessment", **_date("due_on", day)}
    nobody = client.post(url, {**base, "owner": "", "owner_name": ""}).content.decode()
    assert "Choose who will do it, or enter the name of someone else" in nobody
    both = client.post(
        url, {**base, "owner": str(world.person("case_manager").pk), "owner_name": "Nain"}
    ).content.decode()
    assert "not both" in both
    early = client.post(
        url, {**base, "owner_name": "Nain", **_date("due_on", day - timedelta(days=1))}
    ).content.decode()
    assert "Due date must be on or after the date of the meeting" in early
    assert "Ask for a speech and language assessment" in early
    stranger = client.post(url, {**base, "owner": str(world.person("case_manager", 2).pk)})
    assert "Choose someone who works in the child" in stranger.content.decode()
    assert not MeetingAction.objects.exists()
    assert (
        client.post(url, {**base, "owner": str(world.person("case_manager").pk)}).status_code == 302
    )
    assert client.post(url, {**base, "owner_name": "Mr Rees, head of year"}).status_code == 302
    owners = sorted(a.owner_label for a in MeetingAction.objects.select_related("owner"))
    assert owners == ["Case Manager 1", "Mr Rees, head of year"]
    done = MeetingAction.objects.filter(owner_name__startswith="Mr Rees").get()
    client.post(reverse("meetings:action-done", args=[made.pk, done.pk]), {"done": "yes"})
    done.refresh_from_db()
    assert done.done
    assert AuditEvent.objects.filter(verb=Verb.RECORD_MEETING_ACTION).count() == 3


@pytest.mark.django_db
def test_the_tier_agreed_is_a_dated_assessment_from_the_meeting(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    made = meeting(child, starts_at=timezone.now() - timedelta(days=2))
    client = signed_in(world.person("psychologist"))
    url = reverse("meetings:tier", args=[made.pk])
    missing = client.post(url, {"evidence": "Keeps most appointments now"}).content.decode()
    assert "Choose the tier" in missing
    assert "Keeps most appointments now" in missing
    tier = Tier.objects.get(number=2)
    response = client.post(url, {"tier": str(tier.pk), "evidence": "Keeps most appointments"})
    assert response.status_code == 302
    assessment = TierAssessment.objects.get()
    assert assessment.meeting == made
    assert assessment.assessed_on == timezone.localtime(made.starts_at).date()
    assert assessment.tier == tier
    again = client.post(url, {"tier": str(tier.pk), "evidence": "Twice"})
    assert again.status_code == 200
    assert TierAssessment.objects.count() == 1
    detail = client.get(reverse("meetings:detail", args=[made.pk])).content.decode()
    assert "Relationships / trust" in detail


@pytest.mark.django_db
def test_cancel_a_meeting(world: World, signed_in: SignIn) -> None:
    made = meeting(world.child(1))
    client = signed_in(world.person("psychologist"))
    assert client.get(reverse("meetings:cancel", args=[made.pk])).status_code == 200
    client.post(reverse("meetings:cancel", args=[made.pk]))
    made.refresh_from_db()
    assert made.status == MeetingStatus.CANCELLED
    assert client.get(reverse("meetings:record", args=[made.pk])).status_code == 403
    assert client.get(reverse("meetings:invite", args=[made.pk])).status_code == 403


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_meeting_pages_query_counts_are_the_same_for_1_and_many(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    made = meeting(child, chair=world.person("psychologist"))
    invited = invite_agency(made, world.agencies[1])
    action(made)
    client = signed_in(world.person("psychologist"))
    urls = {
        "invitation": reverse("meetings:invitation", args=[invited.pk]),
        "detail": reverse("meetings:detail", args=[made.pk]),
        "record": reverse("meetings:record", args=[made.pk]),
        "list": reverse("meetings:child", args=[child.pk]),
        "home": reverse("core:home"),
    }
    one = {name: _queries(client, url) for name, url in urls.items()}
    for n in range(6):
        Invitation.objects.create(meeting=made, name=f"Person {n}")
        action(made, owner_name=f"Person {n}")
        meeting(child)
    many = {name: _queries(client, url) for name, url in urls.items()}
    assert one == many
    # The home page's count depends on every app's home section: only its constancy here.
    del one["home"]
    assert one == {"detail": 11, "record": 9, "list": 9, "invitation": 8}


@pytest.mark.django_db
def test_named_invitees_are_reminded_with_a_link_only(  # type: ignore[no-untyped-def]
    world: World, signed_in: SignIn, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    from ecm.reminders.models import Reminder

    child = world.child(1)
    made = meeting(child)
    client = signed_in(world.person("case_manager"))
    invitee = world.person("team_manager")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:invite", args=[made.pk]), {"people": [str(invitee.pk)], "others": ""}
        )
    reminder = Reminder.objects.get(user=invitee)
    invitation = made.invitations.get(invitee=invitee)
    assert reminder.link == reverse("meetings:invitation", args=[invitation.pk])
    assert any(invitee.email in message.to for message in mailoutbox)
    assert all(child.legal_last_name not in message.body for message in mailoutbox)
