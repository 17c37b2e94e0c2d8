"""Partner agency workers contribute to a child's timeline only while a sharing consent
names their agency AND they are invited to one of the child's meetings; they see only
their agency's events, which wait for the psychologist's review (accept, change,
merge). Anyone else gets 404, and the refusal is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.conftest import World, make_user
from ecm.consent.tests.factories import consent, withdraw
from ecm.meetings.models import FormulationMeeting
from ecm.organisations.models import Membership, PartnerAgency, Role
from ecm.timeline import queries
from ecm.timeline.models import RevisionAction, Status, TimelineEvent
from ecm.timeline.tests.factories import event, invite, share_and_invite
from ecm.timeline.tests.test_adding import form, rows

SignIn = Callable[[User], Client]


def _partner_of(world: World, name: str) -> tuple[User, PartnerAgency]:
    agency = PartnerAgency.objects.create(service=world.services[1], name=name, kind="health")
    user = make_user(f"partner-{agency.pk}")
    Membership.objects.create(
        user=user, service=world.services[1], role=Role.PARTNER, agency=agency
    )
    return user, agency


def _shared_child(world: World) -> Child:
    child = world.child(1, date_of_birth=date(2010, 5, 3), legal_first_name="Seren")
    share_and_invite(child, world.agencies[1], world.person("psychologist"))
    return child


def _refusals(child: Child) -> list[str]:
    return list(
        AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=child.pk)
        .order_by("pk")
        .values_list("reason", flat=True)
    )


@pytest.mark.django_db
def test_an_invited_partner_of_a_sharing_agency_adds_events_for_review(
    world: World, signed_in: SignIn
) -> None:
    child = _shared_child(world)
    event(child, title="Known to the youth justice service")
    event(
        child,
        title="From another agency",
        source_kind="agency",
        source_agency=_partner_of(world, "Hafod CAMHS")[1],
    )
    partner = world.person("partner")
    client = signed_in(partner)

    page = client.get(reverse("timeline:list", args=[child.pk])).content.decode()
    assert "Your agency's timeline events" in page
    assert "Known to the youth justice service" not in page
    assert "From another agency" not in page

    # The form has no source or visibility for a partner: both are fixed.
    add = client.get(reverse("timeline:add", args=[child.pk])).content.decode()
    assert 'name="source"' not in add
    assert 'name="visibility"' not in add
    response = client.post(
        reverse("timeline:add", args=[child.pk]),
        form(
            title="Attendance fell to 61%",
            category="exclusion",
            source="family",
            visibility="clinical",
        ),
    )
    assert response.status_code == 302
    added = TimelineEvent.objects.get(title="Attendance fell to 61%")
    assert (added.status, added.source_kind, added.source_agency, added.visibility) == (
        Status.PENDING,
        "agency",
        world.agencies[1],
        "everyone",
    )
    assert added.contributed_by == partner
    several = client.post(
        reverse("timeline:add-several", args=[child.pk]),
        rows(
            {
                "title": "Won the art prize",
                "when_text": "2024",
                "category": "achievement",
                "certainty": "confirmed",
            }
        ),
    )
    assert several.status_code == 302
    listing = client.get(reverse("timeline:list", args=[child.pk])).content.decode()
    assert "Attendance fell to 61%" in listing
    assert "Won the art prize" in listing
    assert "Waiting for review" in listing
    assert "2 events from your agency" in listing
    # Staff do not see them on the timeline until they are accepted.
    staff = signed_in(world.person("case_manager")).get(reverse("timeline:list", args=[child.pk]))
    assert "Attendance fell to 61%" not in staff.content.decode()
    assert "2 events from partner agencies are waiting" in staff.content.decode()


@pytest.mark.django_db
def test_the_partner_reaches_nothing_else(world: World, signed_in: SignIn) -> None:
    child = _shared_child(world)
    theirs = event(
        child,
        source_kind="agency",
        source_agency=world.agencies[1],
        status="pending",
        contributed_by=world.person("partner"),
    )
    client = signed_in(world.person("partner"))
    for name, args in (
        ("timeline:drawn", [child.pk]),
        ("timeline:pdf", [child.pk]),
        ("timeline:review", [child.pk]),
        ("timeline:history", [child.pk, theirs.pk]),
        ("timeline:change", [child.pk, theirs.pk]),
        ("timeline:merge", [child.pk, theirs.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.post(reverse("timeline:accept", args=[child.pk, theirs.pk])).status_code == 404
    assert TimelineEvent.objects.get(pk=theirs.pk).status == Status.PENDING
    assert _refusals(child) == [
        "timeline:drawn",
        "timeline:pdf",
        "timeline:review",
        "timeline:history",
        "timeline:change",
        "timeline:merge",
        "timeline:accept",
    ]


@pytest.mark.django_db
def test_a_partner_from_an_agency_without_consent_sees_nothing(
    world: World, signed_in: SignIn
) -> None:
    child = _shared_child(world)
    event(child, title="Known to the youth justice service")
    outsider, agency = _partner_of(world, "Hafod CAMHS")
    invite(child, agency, world.person("psychologist"))  # invited, but not named by consent
    client = signed_in(outsider)
    for name in ("timeline:list", "timeline:add", "timeline:add-several"):
        response = client.get(reverse(name, args=[child.pk]))
        assert response.status_code == 404
        assert "Known to the youth justice service" not in response.content.decode()
    assert client.post(reverse("timeline:add", args=[child.pk]), form()).status_code == 404
    assert TimelineEvent.objects.count() == 1
    assert _refusals(child) == [
        "timeline:list",
        "timeline:add",
        "timeline:add-several",
        "timeline:add",
    ]
    refusal = AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED).first()
    assert refusal is not None
    assert refusal.user_id == outsider.pk
    assert refusal.role == "partner"


@pytest.mark.django_db
def test_consent_without_invitation_or_invitation_without_consent_is_not_enough(
    world: World, signed_in: SignIn
) -> None:
    partner = signed_in(world.person("partner"))
    consented = world.child(1)
    consent(consented, "sharing", agencies=[world.agencies[1]])
    invited = world.child(1)
    invite(invited, world.agencies[1], world.person("psychologist"))
    cancelled = world.child(1)
    consent(cancelled, "sharing", agencies=[world.agencies[1]])
    invite(cancelled, world.agencies[1], world.person("psychologist"), status="cancelled")
    for child in (consented, invited, cancelled):
        assert partner.get(reverse("timeline:list", args=[child.pk])).status_code == 404
        assert _refusals(child) == ["timeline:list"]


@pytest.mark.django_db
def test_withdrawing_the_sharing_consent_ends_access_the_same_day(
    world: World, signed_in: SignIn
) -> None:
    child = world.child(1)
    record = consent(child, "sharing", agencies=[world.agencies[1]])
    invite(child, world.agencies[1], world.person("psychologist"))
    partner = signed_in(world.person("partner"))
    url = reverse("timeline:list", args=[child.pk])
    assert partner.get(url).status_code == 200
    withdraw(record, timezone.localdate())
    assert partner.get(url).status_code == 404


@pytest.mark.django_db
def test_a_partner_invited_by_name_works_for_their_agency(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    consent(child, "sharing", agencies=[world.agencies[1]])
    meeting = FormulationMeeting.objects.create(
        child=child,
        starts_at=timezone.now(),
        place="Canolfan Teifi",
        chair=world.person("psychologist"),
        scheduled_by=world.person("psychologist"),
    )
    meeting.invitations.create(invitee=world.person("partner"))
    assert (
        signed_in(world.person("partner")).get(reverse("timeline:add", args=[child.pk])).status_code
        == 200
    )


def _pending(world: World, child: Child, **fields: object) -> TimelineEvent:
    values: dict[str, object] = {
        "title": "Police called to the home",
        "code": "domestic-violence",
        "status": "pending",
        "source_kind": "agency",
        "source_agency": world.agencies[1],
        "contributed_by": world.person("partner"),
        "certainty": "reported",
    }
    values.update(fields)
    return event(child, **values)


@pytest.mark.django_db
def test_the_psychologist_accepts_a_contribution(world: World, signed_in: SignIn) -> None:
    child = _shared_child(world)
    pending = _pending(world, child)
    client = signed_in(world.person("psychologist"))
    review = client.get(reverse("timeline:review", args=[child.pk])).content.decode()
    assert "Police called to the home" in review
    assert "Agency 1, added by Partner 1 (Reported)" in review
    url = reverse("timeline:accept", args=[child.pk, pending.pk])
    assert client.post(url, {"version": "1"}).status_code == 302
    pending.refresh_from_db()
    assert (pending.status, pending.version) == (Status.ACCEPTED, 2)
    assert [r.action for r in pending.revisions.order_by("version")] == [RevisionAction.ACCEPTED]
    assert AuditEvent.objects.filter(verb=Verb.ACCEPT_TIMELINE_EVENT).count() == 1
    # Accepting again (a second tab) is refused: it was already reviewed.
    again = client.post(url, {"version": "1"})
    assert again.status_code == 409
    assert "Someone else has already reviewed or changed this event" in again.content.decode()
    # The partner still sees it, now accepted; staff see it on the timeline.
    assert (
        "Police called to the home"
        in client.get(reverse("timeline:list", args=[child.pk])).content.decode()
    )


@pytest.mark.django_db
def test_the_psychologist_changes_and_accepts_in_one_save(world: World, signed_in: SignIn) -> None:
    child = _shared_child(world)
    pending = _pending(world, child)
    client = signed_in(world.person("psychologist"))
    url = reverse("timeline:change", args=[child.pk, pending.pk])
    page = client.get(url).content.decode()
    assert "Save and accept" in page
    response = client.post(
        url,
        form(
            title="Police called to the home; the child was upstairs",
            category="domestic-violence",
            on_month="",
            on_year="2019",
            source="family",
            certainty="reported",
            description="",
            version="1",
            accept="1",
        ),
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.ACCEPTED
    assert pending.title == "Police called to the home; the child was upstairs"
    # Still the agency's contribution, whatever the source on the form said.
    assert (pending.source_kind, pending.source_agency) == ("agency", world.agencies[1])
    assert AuditEvent.objects.get(verb=Verb.ACCEPT_TIMELINE_EVENT).detail["fields"] == ["title"]


@pytest.mark.django_db
def test_a_duplicate_is_merged_and_its_history_kept(world: World, signed_in: SignIn) -> None:
    child = _shared_child(world)
    original = event(
        child, title="Police called after a row between the parents", code="domestic-violence"
    )
    duplicate = _pending(world, child)
    client = signed_in(world.person("psychologist"))
    url = reverse("timeline:merge", args=[child.pk, duplicate.pk])
    page = client.get(url).content.decode()
    assert "Police called after a row between the parents" in page
    assert (
        "Select the event it is a duplicate of"
        in client.post(url, {"version": "1"}).content.decode()
    )
    response = client.post(url, {"into": str(original.pk), "version": "1"})
    assert response["Location"] == reverse("timeline:history", args=[child.pk, original.pk])
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, original)
    assert duplicate.revisions.get().action == RevisionAction.MERGED
    history = client.get(response["Location"]).content.decode()
    assert "Duplicates merged into this event" in history
    assert "Police called to the home" in history
    assert (
        "Police called to the home"
        not in client.get(reverse("timeline:list", args=[child.pk])).content.decode()
    )
    assert AuditEvent.objects.get(verb=Verb.MERGE_TIMELINE_EVENT).detail == {
        "into": original.pk,
        "was": "pending",
        "version": 2,
    }
    # The duplicate's own history says where it went.
    own = client.get(reverse("timeline:history", args=[child.pk, duplicate.pk])).content.decode()
    assert "See the event it was merged into" in own


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["case_manager", "team_manager", "senior_manager"])
def test_only_the_psychologist_reviews(world: World, signed_in: SignIn, role: str) -> None:
    child = _shared_child(world)
    original = event(child)
    pending = _pending(world, child)
    client = signed_in(world.person(role))
    review = client.get(reverse("timeline:review", args=[child.pk]))
    assert review.status_code == 200
    assert "Police called to the home" in review.content.decode()
    assert "Merge as a duplicate" not in review.content.decode()
    accept = reverse("timeline:accept", args=[child.pk, pending.pk])
    assert client.post(accept, {"version": "1"}).status_code == 403
    merge = reverse("timeline:merge", args=[child.pk, pending.pk])
    assert client.post(merge, {"into": str(original.pk), "version": "1"}).status_code == 403
    change = reverse("timeline:change", args=[child.pk, pending.pk])
    assert client.get(change).status_code == 403
    assert TimelineEvent.objects.get(pk=pending.pk).status == Status.PENDING


@pytest.mark.django_db
def test_the_meeting_pack_gets_accepted_events_within_what_each_may_see(world: World) -> None:
    child = world.child(1)
    shared = event(child, title="Everyone", starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31))
    clinical = event(
        child,
        title="Clinical",
        visibility="clinical",
        starts_on=date(2016, 1, 1),
        ends_on=date(2016, 12, 31),
    )
    _pending(world, child)
    merged = event(child, title="Merged")
    TimelineEvent.objects.filter(pk=merged.pk).update(status="merged", merged_into=shared)
    assert queries.events_for_pack(child, include_clinical=True, agency_id=None) == [
        clinical,
        shared,
    ]
    assert queries.events_for_pack(child, include_clinical=False, agency_id=None) == [shared]
    assert queries.events_for_pack(
        child, include_clinical=True, agency_id=world.agencies[1].pk
    ) == [shared]
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_partners_home_page_lists_the_timelines_they_can_add_to(
    world: World, signed_in: SignIn
) -> None:
    child = _shared_child(world)
    consented_only = world.child(1, legal_first_name="Gethin")
    consent(consented_only, "sharing", agencies=[world.agencies[1]])
    page = signed_in(world.person("partner")).get(reverse("core:home")).content.decode()
    assert "Life timelines your agency can add to" in page
    assert reverse("timeline:list", args=[child.pk]) in page
    assert "Gethin" not in page
    shown = AuditEvent.objects.filter(verb=Verb.LIST_CHILD, detail__page="home-timeline")
    assert list(shown.values_list("child_id", flat=True)) == [child.pk]
    staff = signed_in(world.person("case_manager")).get(reverse("core:home")).content.decode()
    assert "Life timelines your agency can add to" not in staff
