"""The life timeline through HTTP, as each staff role: changing with history and
conflicts, who sees what, filters, query counts, the drawing and the record page."""

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
from ecm.conftest import World
from ecm.timeline.models import TimelineEvent
from ecm.timeline.tests.factories import category, event
from ecm.timeline.tests.test_adding import a_child, form

SignIn = Callable[[User], Client]


@pytest.mark.django_db
def test_change_keeps_the_history(world: World, signed_in: SignIn) -> None:
    child = a_child(world)
    client = signed_in(world.person("case_manager"))
    client.post(reverse("timeline:add", args=[child.pk]), form(certainty="reported"))
    added = TimelineEvent.objects.get()
    url = reverse("timeline:change", args=[child.pk, added.pk])
    page = client.get(url).content.decode()
    assert 'value="Moved to live with Nan"' in page
    assert 'id="id_on_month" name="on_month" type="text" inputmode="numeric" value="9"' in page
    response = client.post(
        url,
        form(
            certainty="confirmed",
            when_kind="range",
            period_from_year="2016",
            period_to_year="2018",
            version="1",
        ),
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.version, added.precision, added.certainty) == (2, "range", "confirmed")
    assert [r.action for r in added.revisions.order_by("version")] == ["added", "changed"]
    audit = AuditEvent.objects.get(verb=Verb.UPDATE_TIMELINE_EVENT)
    assert audit.detail["fields"] == ["certainty", "ends_on", "precision", "starts_on"]

    history = client.get(reverse("timeline:history", args=[child.pk, added.pk]))
    text = history.content.decode()
    assert history.status_code == 200
    assert "Version 2: Changed by Case Manager 1" in text
    assert "September 2016" in text
    assert "2016 to 2018" in text
    assert "Reported" in text
    assert "Confirmed" in text


@pytest.mark.django_db
def test_a_conflicting_save_answers_409_and_keeps_what_was_typed(
    world: World, signed_in: SignIn
) -> None:
    child = a_child(world)
    added = event(child, title="Grandad died", certainty="reported")
    client = signed_in(world.person("case_manager"))
    url = reverse("timeline:change", args=[child.pk, added.pk])
    # Someone else saves first.
    TimelineEvent.objects.filter(pk=added.pk).update(title="Grandfather died", version=2)
    response = client.post(
        url,
        form(
            title="Grandad died in hospital",
            category="bereavement",
            on_month="",
            on_year="2019",
            version="1",
        ),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this event while you were editing it" in page
    assert "Grandfather died" in page
    assert 'value="Grandad died in hospital"' in page
    assert 'name="version" value="2"' in page
    assert TimelineEvent.objects.get(pk=added.pk).title == "Grandfather died"
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, object_id=str(added.pk)).exists()
    # Saving again is a deliberate choice, and works.
    again = client.post(
        url,
        form(
            title="Grandad died in hospital",
            category="bereavement",
            on_month="",
            on_year="2019",
            version="2",
        ),
    )
    assert again.status_code == 302
    assert TimelineEvent.objects.get(pk=added.pk).title == "Grandad died in hospital"


@pytest.mark.django_db
def test_clinical_events_are_for_the_psychologist_and_their_author(
    world: World, signed_in: SignIn
) -> None:
    child = a_child(world)
    event(child, title="Shared with everyone")
    clinical = event(
        child,
        title="Disclosed in a session",
        visibility="clinical",
        contributed_by=world.person("case_manager"),
    )
    shown = {
        role: "Disclosed in a session"
        in signed_in(world.person(role))
        .get(reverse("timeline:list", args=[child.pk]))
        .content.decode()
        for role in ("case_manager", "psychologist", "team_manager", "senior_manager")
    }
    assert shown == {
        "case_manager": True,  # the author
        "psychologist": True,
        "team_manager": False,
        "senior_manager": False,
    }
    manager = signed_in(world.person("team_manager"))
    for name in ("timeline:history", "timeline:change"):
        assert manager.get(reverse(name, args=[child.pk, clinical.pk])).status_code == 404
    detail = manager.get(reverse("children:detail", args=[child.pk])).content.decode()
    assert "1 event<" in detail


@pytest.mark.django_db
def test_senior_managers_read_and_never_add(world: World, signed_in: SignIn) -> None:
    child = a_child(world)
    added = event(child)
    client = signed_in(world.person("senior_manager"))
    assert client.get(reverse("timeline:list", args=[child.pk])).status_code == 200
    assert client.post(reverse("timeline:add", args=[child.pk]), form()).status_code == 403
    url = reverse("timeline:change", args=[child.pk, added.pk])
    assert client.post(url, form(version="1")).status_code == 403
    assert TimelineEvent.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["evaluator", "service_admin"])
def test_people_who_do_not_read_records_get_404_and_the_refusal_is_audited(
    world: World, signed_in: SignIn, role: str
) -> None:
    child = a_child(world)
    client = signed_in(world.person(role))
    assert client.get(reverse("timeline:list", args=[child.pk])).status_code == 404
    refusal = AuditEvent.objects.get(verb=Verb.ACCESS_REFUSED)
    assert (refusal.child_id, refusal.reason) == (child.pk, "timeline:list")


@pytest.mark.django_db
def test_filters_by_category_source_valence_and_significance(
    world: World, signed_in: SignIn
) -> None:
    child = a_child(world)
    event(child, title="Grandad died", significant=True)
    event(child, title="Won a prize", code="achievement", valence="positive", source_kind="child")
    event(
        child,
        title="Excluded for three days",
        code="exclusion",
        source_kind="agency",
        source_agency=world.agencies[1],
    )
    event(
        child,
        title="Told by the case manager",
        code="other",
        source_kind="agency",
        valence="neutral",
    )
    client = signed_in(world.person("case_manager"))
    url = reverse("timeline:list", args=[child.pk])

    def titles(**query: str) -> set[str]:
        page = client.get(url, query).content.decode()
        return {
            t
            for t in (
                "Grandad died",
                "Won a prize",
                "Excluded for three days",
                "Told by the case manager",
            )
            if t in page
        }

    assert len(titles()) == 4
    assert titles(category="achievement") == {"Won a prize"}
    assert titles(valence="adverse") == {"Grandad died", "Excluded for three days"}
    assert titles(significant="yes") == {"Grandad died"}
    assert titles(source="child") == {"Won a prize"}
    assert titles(source=f"agency-{world.agencies[1].pk}") == {"Excluded for three days"}
    assert titles(source="yjs") == {"Told by the case manager"}
    assert titles(source="nonsense") == set()
    assert titles(valence="adverse", source="family") == {"Grandad died"}
    # The filters travel to the drawing and the PDF as the same codes.
    page = client.get(url, {"valence": "adverse", "significant": "yes"}).content.decode()
    assert "drawn/?valence=adverse&amp;significant=yes" in page


@pytest.mark.django_db
def test_list_drawing_and_review_queries_are_the_same_for_1_and_50_events(
    world: World, signed_in: SignIn
) -> None:
    child = a_child(world)
    client = signed_in(world.person("psychologist"))

    def counted(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[child.pk])).status_code == 200
        return len(queries)

    def pending(n: int) -> None:
        for _ in range(n):
            event(
                child,
                status="pending",
                source_kind="agency",
                source_agency=world.agencies[1],
                contributed_by=world.person("partner"),
            )

    event(child)
    pending(1)
    one = {name: counted(name) for name in ("timeline:list", "timeline:drawn", "timeline:review")}
    for index in range(49):
        event(
            child,
            code="achievement" if index % 2 else "exclusion",
            valence="positive",
            title=f"Event {index}",
        )
    pending(49)
    fifty = {name: counted(name) for name in ("timeline:list", "timeline:drawn", "timeline:review")}
    assert one == fifty == {"timeline:list": 12, "timeline:drawn": 12, "timeline:review": 9}


@pytest.mark.django_db
def test_the_drawn_timeline_has_a_text_alternative_and_prints_on_a3(
    world: World, signed_in: SignIn
) -> None:
    child = a_child(world)
    event(child, title="Grandad died")
    event(
        child,
        title="Won a prize",
        code="achievement",
        valence="positive",
        precision="exact",
        starts_on=date(2018, 6, 1),
        ends_on=None,
    )
    page = (
        signed_in(world.person("team_manager"))
        .get(reverse("timeline:drawn", args=[child.pk]))
        .content.decode()
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'role="img"' in page
    assert "<title id=" in page
    assert "<desc id=" in page
    assert "2 events from Ffion Testchild's birth" in page
    assert "Above the line, positive: 1. On the line, neutral: 0." in page
    assert "timeline/timeline.css" in page
    assert "Table of events" in page
    assert "Won a prize" in page
    assert "Achievement (star)" in page
    assert "Bereavement (hexagon)" in page
    assert reverse("timeline:pdf", args=[child.pk]) in page


@pytest.mark.django_db
def test_the_record_page_shows_the_timeline_counts(world: World, signed_in: SignIn) -> None:
    child = a_child(world)
    event(child, significant=True)
    event(child, code="achievement", valence="positive")
    event(
        child,
        status="pending",
        source_kind="agency",
        source_agency=world.agencies[1],
        contributed_by=world.person("partner"),
    )
    page = (
        signed_in(world.person("psychologist"))
        .get(reverse("children:detail", args=[child.pk]))
        .content.decode()
    )
    assert "Life timeline" in page
    assert "2 events" in page
    assert "1 adverse, 1 positive, 0 neutral" in page
    assert "1 contribution from partner agencies" in page
    assert reverse("timeline:drawn", args=[child.pk]) in page
    assert category("achievement").name_cy == "Cyflawniad"
