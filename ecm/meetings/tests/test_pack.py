"""The meeting pack holds only what its reader may see, and is a tagged PDF."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta

import pikepdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from ecm.accounts.models import User
from ecm.conftest import World
from ecm.consent.tests.factories import consent, person
from ecm.development.tests.factories import mapping
from ecm.meetings import pack
from ecm.meetings.models import FormulationMeeting, Invitation
from ecm.meetings.queries import Reader
from ecm.meetings.tests.factories import invite_agency, meeting
from ecm.needs.models import ChildNeed, NeedType
from ecm.offending.models import Order
from ecm.timeline.tests.factories import event
from ecm.trm.models import Tier, TierAssessment
from ecm.voice.tests.factories import voice

SignIn = Callable[[User], Client]


def _full_meeting(world: World) -> FormulationMeeting:
    child = world.child(1, legal_first_name="Seren", date_of_birth=date(2011, 3, 4))
    carer = person(child, full_name="Carys Penry")
    voice(
        child,
        what_matters="CHILD-MATTERS my dog Bobi",
        for_the_meeting="CHILD-FOR-MEETING please do not talk over me",
        who_i_trust="CHILD-TRUSTS Nan",
    )
    voice(child, carer, what_helps="CARER-HELPS routine", for_the_meeting="CARER-FOR-MEETING")
    event(child, title="EVERYONE-EVENT Started at Ysgol Bro Teifi", valence="positive")
    event(child, title="CLINICAL-EVENT Disclosure to the psychologist", visibility="clinical")
    event(child, title="PENDING-EVENT Added by school", status="pending")
    mapping(child, emotional=(9, 6), communication=(8, 0))
    need_type = NeedType.objects.order_by("sort_order").first()
    assert need_type is not None
    ChildNeed.objects.create(
        child=child,
        need_type=need_type,
        evidence="NEED-EVIDENCE details from the assessment",
        recorded_by=world.person("case_manager"),
    )
    Order.objects.create(
        child=child,
        order_type="referral_order",
        start_date=timezone.localdate() - timedelta(days=30),
        expected_end_date=timezone.localdate() + timedelta(days=200),
        recorded_by=world.person("case_manager"),
    )
    TierAssessment.objects.create(
        child=child,
        tier=Tier.objects.get(number=1),
        assessed_on=timezone.localdate() - timedelta(days=10),
        assessed_by=world.person("psychologist"),
        evidence="TIER-EVIDENCE",
    )
    consent(child, "sharing", agencies=[world.agencies[1]])
    made = meeting(child, chair=world.person("psychologist"))
    invite_agency(made, world.agencies[1])
    Invitation.objects.create(meeting=made, name="INVITEE-Eirlys Jones")
    return made


EVERYONE = (
    "CHILD-FOR-MEETING",
    "CARER-FOR-MEETING",
    "EVERYONE-EVENT",
    "Functioning at about",
    "Referral order",
)
STAFF_ONLY = (
    "CHILD-MATTERS",
    "CHILD-TRUSTS",
    "CARER-HELPS",
    "NEED-EVIDENCE",
    "INVITEE-Eirlys Jones",
    "Current tier on the Trauma Recovery Model",
)
NOBODY = ("PENDING-EVENT",)


def _html(made: FormulationMeeting, reader: Reader) -> str:
    with translation.override("en"):
        return pack.render_html(made, reader)


@pytest.mark.django_db
def test_a_partner_pack_holds_only_what_the_sharing_allows(world: World) -> None:
    made = _full_meeting(world)
    html = _html(made, Reader(agency_id=world.agencies[1].pk))
    for text in EVERYONE:
        assert text in html, text
    for text in (*STAFF_ONLY, *NOBODY, "CLINICAL-EVENT", "TIER-EVIDENCE"):
        assert text not in html, text
    context = pack.pack_context(made, Reader(agency_id=world.agencies[1].pk))
    assert context["invitations"] == []
    assert context["tier"] is None
    assert all(need["evidence"] == "" for need in context["needs"])
    questions = {a.question for v in context["voices"] for a in v.answers}
    assert len(questions) == 1
    # The child's voice comes first.
    assert html.index("CHILD-FOR-MEETING") < html.index("EVERYONE-EVENT")


@pytest.mark.django_db
def test_a_staff_pack_has_everything_but_clinical_only_events(world: World) -> None:
    made = _full_meeting(world)
    html = _html(made, Reader())
    for text in (*EVERYONE, *STAFF_ONLY):
        assert text in html, text
    assert "CLINICAL-EVENT" not in html
    assert "PENDING-EVENT" not in html
    assert html.index("CHILD-MATTERS") < html.index("EVERYONE-EVENT")


@pytest.mark.django_db
def test_a_psychologists_pack_has_the_clinical_events_too(world: World) -> None:
    made = _full_meeting(world)
    html = _html(made, Reader(clinical=True))
    assert "CLINICAL-EVENT" in html
    assert "PENDING-EVENT" not in html


@pytest.mark.django_db
def test_the_reader_is_decided_by_role(world: World, signed_in: SignIn) -> None:
    from ecm.core.access import load_actor
    from ecm.meetings.queries import pack_for

    made = _full_meeting(world)
    assert pack_for(load_actor(world.person("psychologist")), made.pk)[1] == Reader(clinical=True)
    assert pack_for(load_actor(world.person("case_manager")), made.pk)[1] == Reader()
    partner = pack_for(load_actor(world.person("partner")), made.pk)[1]
    assert partner == Reader(agency_id=world.agencies[1].pk)


def _pdf(body: bytes) -> pikepdf.Pdf:
    assert body.startswith(b"%PDF")
    return pikepdf.open(io.BytesIO(body))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_pack_is_a_tagged_pdf_in_the_readers_language(
    world: World, signed_in: SignIn, language: str
) -> None:
    made = _full_meeting(world)
    client = signed_in(world.person("psychologist"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("meetings:pack", args=[made.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="meeting-pack.pdf"'
    pdf = _pdf(response.content)
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == language
    assert pdf.Root.MarkInfo.Marked
    fonts = {
        str(font.get("/BaseFont")) for page in pdf.pages for font in page.Resources.Font.values()
    }
    assert fonts
    assert all("Liberation-Sans" in font for font in fonts)
    # The drawn timeline and the developmental chart are images with alternative text.
    figures = [
        item
        for item in pdf.objects
        if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/Figure"
    ]
    assert len(figures) >= 2
    assert all("/Alt" in figure for figure in figures)


@pytest.mark.django_db
def test_an_empty_pack_says_what_is_missing(world: World) -> None:
    made = meeting(world.child(1), chair=world.person("psychologist"))
    html = _html(made, Reader())
    assert "Nothing recorded yet in the child" in html
    assert "No events on the timeline yet." in html
    assert "No developmental mapping recorded yet." in html
    assert pack.render_pdf(made, Reader()).startswith(b"%PDF")


@pytest.mark.django_db
def test_the_pack_reads_the_same_number_of_queries_for_few_and_many_events(
    world: World,
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = _full_meeting(world)

    def count(reader: Reader) -> int:
        with CaptureQueriesContext(connection) as captured:
            _html(made, reader)
        return len(captured)

    staff, partner = count(Reader()), count(Reader(agency_id=world.agencies[1].pk))
    for n in range(20):
        event(made.child, title=f"Another event {n}", significant=n % 2 == 0)
        Invitation.objects.create(meeting=made, name=f"Person {n}")
    assert count(Reader()) == staff == 7
    assert count(Reader(agency_id=world.agencies[1].pk)) == partner == 5
