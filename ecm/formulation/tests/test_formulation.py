"""Writing, submitting, signing off and revising a formulation report, the refusals
the issue lists (nothing typed lost), concurrency, and who sees what."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World, make_user
from ecm.core.access import load_actor
from ecm.formulation import services
from ecm.formulation.models import FormulationReport, Recommendation, ReportStatus
from ecm.formulation.queries import approved_report
from ecm.formulation.tests.factories import (
    approved,
    assess,
    draft,
    intervention,
    recommend,
    report,
    tier,
)

SignIn = Callable[[User], Client]
pytestmark = pytest.mark.django_db


def _url(name: str, made: FormulationReport, **extra: Any) -> str:
    return reverse(
        f"formulation:{name}", kwargs={"child_id": made.child_id, "report_id": made.pk, **extra}
    )


def _rec_post(made: FormulationReport, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "edit_version": made.edit_version,
        "what": "Victim empathy sessions",
        "why": "To understand the harm done",
        "intervention": intervention("victim-empathy").pk,
        "tier": tier(4).pk,
        "position": "",
        "delivered_by_name": "",
        "owner": made.child.case_manager_id,
        "success_measure": "Can say how the victim felt",
        "rationale": "",
    }
    values.update(overrides)
    return values


def test_psychologist_starts_a_draft_with_the_childs_tier(world: World, signed_in: SignIn) -> None:
    child = world.child(1)
    assess(child, 1)
    client = signed_in(world.person("psychologist"))
    response = client.post(reverse("formulation:start", args=[child.pk]), {"meeting": ""})
    made = FormulationReport.objects.get(child=child)
    assert response.status_code == 302
    assert made.status == ReportStatus.DRAFT
    assert made.version == 1
    assert made.tier == tier(1)
    assert AuditEvent.objects.filter(verb=Verb.START_FORMULATION, child_id=child.pk).exists()


def test_recommendation_above_the_tier_warns_and_needs_a_rationale(
    world: World, signed_in: SignIn
) -> None:
    made = draft(world)
    assess(made.child, 1)
    client = signed_in(world.person("psychologist"))
    response = client.post(_url("recommendation-add", made), _rec_post(made))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Victim empathy needs tier 4; this child is at tier 1" in text
    assert "Enter the clinical rationale" in text
    assert "To understand the harm done" in text  # nothing typed is lost
    assert made.recommendations.count() == 1
    response = client.post(
        _url("recommendation-add", made),
        _rec_post(
            made, rationale="Asked for it himself; the psychologist will co-work it", position="1"
        ),
    )
    assert response.status_code == 302
    first = made.recommendations.order_by("number").first()
    assert first is not None
    assert first.what == "Victim empathy sessions"
    assert list(made.recommendations.values_list("number", flat=True).order_by("number")) == [1, 2]
    page = client.get(_url("detail", made)).content.decode()
    assert "Victim empathy needs tier 4; this child is at tier 1" in page  # never ignored


def test_recommendation_without_an_owner_is_refused(world: World, signed_in: SignIn) -> None:
    made = draft(world)
    client = signed_in(world.person("psychologist"))
    response = client.post(
        _url("recommendation-add", made),
        _rec_post(made, owner="", tier=tier(1).pk, intervention=""),
    )
    assert response.status_code == 200
    assert "Choose who owns the recommendation" in response.content.decode()
    assert made.recommendations.count() == 1


def test_service_refuses_an_empty_rationale_on_a_warning(world: World) -> None:
    made = draft(world)
    assess(made.child, 1)
    actor = load_actor(world.person("psychologist"))
    with pytest.raises(services.RationaleRequired) as refused:
        services.save_recommendation(
            actor=actor,
            report=made,
            recommendation=None,
            values={
                "what": "Victim empathy",
                "tier": tier(4),
                "intervention": intervention("victim-empathy"),
                "owner": made.child.case_manager,
                "rationale": "  ",
            },
            position=None,
            expected_version=made.edit_version,
        )
    assert "needs tier 4; this child is at tier 1" in refused.value.warnings[0]


def test_submitting_without_recommendations_is_refused(world: World, signed_in: SignIn) -> None:
    made = report(world.child(1), author=world.person("psychologist"))
    response = signed_in(world.person("psychologist")).post(_url("submit", made))
    assert response.status_code == 200
    assert "Add at least one recommendation" in response.content.decode()
    made.refresh_from_db()
    assert made.status == ReportStatus.DRAFT


def test_approving_a_warned_recommendation_without_rationale_is_refused(world: World) -> None:
    made = draft(world)
    recommend(made, 2, tier=tier(4), intervention=intervention("victim-empathy"))
    assess(made.child, 1)
    actor = load_actor(world.person("psychologist"))
    with pytest.raises(services.NotReady) as refused:
        services.submit(actor=actor, report=made)
    assert "Recommendation 2 needs a clinical rationale" in refused.value.problems[0]


def test_write_submit_approve_then_revise_with_differences(world: World, signed_in: SignIn) -> None:
    made = draft(world)
    assess(made.child, 1)
    client = signed_in(world.person("psychologist"))
    assert client.post(_url("submit", made)).status_code == 302
    assert client.post(_url("approve", made), {"decision": "approve"}).status_code == 302
    made.refresh_from_db()
    assert made.status == ReportStatus.APPROVED
    assert approved_report(made.child) == made
    # Approved versions are immutable.
    response = client.get(_url("edit", made), follow=True)
    assert "can no longer be changed" in response.content.decode()
    response = client.post(
        _url("edit", made), {"edit_version": made.edit_version, "strengths": "x"}
    )
    assert response.status_code == 409
    made.refresh_from_db()
    assert made.strengths == "Loves football; kind to younger brother"
    # A revision copies it, and shows what changed.
    assert client.post(_url("revise", made)).status_code == 302
    revision = FormulationReport.objects.get(child=made.child, version=2)
    assert revision.previous == made
    assert revision.recommendations.count() == 1
    post = {
        name: getattr(revision, name) or ""
        for name in ("reason_for_referral", "background", "voice_summary", "predisposing")
    }
    post.update(
        edit_version=revision.edit_version,
        strengths="Loves football; now coaching the under 10s",
        tier=tier(2).pk,
        clinical_notes="",
    )
    assert client.post(_url("edit", revision), post).status_code == 302
    changes = client.get(_url("changes", revision)).content.decode()
    assert "Removed:" in changes
    assert "now coaching the under 10s" in changes
    client.post(_url("submit", revision))
    client.post(_url("approve", revision), {"decision": "approve"})
    made.refresh_from_db()
    assert made.status == ReportStatus.SUPERSEDED
    assert approved_report(made.child) == FormulationReport.objects.get(pk=revision.pk)


def test_second_signature_needed_when_the_service_asks(world: World) -> None:
    service = world.services[1]
    service.requires_second_signature = True
    service.save()
    made = draft(world)
    assess(made.child, 1)
    author = load_actor(world.person("psychologist"))
    services.submit(actor=author, report=made)
    assert services.approve(actor=author, report=made) is False
    made.refresh_from_db()
    assert made.status == ReportStatus.SUBMITTED
    second = world.person("psychologist", 2)
    from ecm.organisations.models import Membership

    Membership.objects.create(user=second, service=service, role="psychologist")
    assert services.approve(actor=load_actor(second), report=made) is True
    made.refresh_from_db()
    assert made.status == ReportStatus.APPROVED
    assert made.approvals.count() == 2


def test_concurrent_edit_shows_the_conflict_and_keeps_what_was_typed(
    world: World, signed_in: SignIn
) -> None:
    made = draft(world)
    client = signed_in(world.person("psychologist"))
    stale = made.edit_version
    FormulationReport.objects.filter(pk=made.pk).update(
        strengths="Saved by someone else", edit_version=stale + 1
    )
    response = client.post(
        _url("edit", made),
        {"edit_version": stale, "strengths": "My own words", "clinical_notes": ""},
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "Saved by someone else" in text
    assert "My own words" in text
    made.refresh_from_db()
    assert made.strengths == "Saved by someone else"
    assert AuditEvent.objects.filter(verb=Verb.EDIT_CONFLICT, object_id=str(made.pk)).exists()


def test_clinical_notes_only_for_psychologists(world: World, signed_in: SignIn) -> None:
    made = approved(world)
    assert (
        "attachment"
        not in signed_in(world.person("case_manager")).get(_url("detail", made)).content.decode()
    )
    assert (
        "attachment"
        in signed_in(world.person("psychologist")).get(_url("detail", made)).content.decode()
    )


def test_partner_sees_only_shared_parts_with_consent(world: World, signed_in: SignIn) -> None:
    made = approved(world)
    url = reverse("formulation:shared", args=[made.child_id])
    text = signed_in(world.person("partner")).get(url).content.decode()
    assert "Loves football" in text
    assert "Weekly appointments" in text
    assert "Family sessions at home" not in text
    assert "attachment" not in text
    assert "Predisposing" not in text
    unshared = report(world.child(1), author=world.person("psychologist"))
    unshared.status = ReportStatus.APPROVED
    unshared.save()
    response = signed_in(world.person("partner")).get(
        reverse("formulation:shared", args=[unshared.child_id])
    )
    assert response.status_code == 404
    assert AuditEvent.objects.filter(verb=Verb.ACCESS_REFUSED, child_id=unshared.child_id).exists()


def test_pdf_is_tagged_in_the_readers_language(world: World, signed_in: SignIn) -> None:
    import io

    import pikepdf

    made = approved(world)
    client = signed_in(world.person("psychologist"))
    client.cookies["django_language"] = "cy"
    response = client.get(_url("pdf", made))
    assert response.status_code == 200
    pdf = pikepdf.open(io.BytesIO(response.content))
    assert "/StructTreeRoot" in pdf.Root
    assert str(pdf.Root.Lang) == "cy"
    assert pdf.Root.MarkInfo.Marked


def test_docx_is_an_editable_copy(world: World, signed_in: SignIn) -> None:
    import io

    from docx import Document

    made = approved(world, tier=tier(1))
    assess(made.child, 1)
    response = signed_in(world.person("case_manager")).get(_url("docx", made))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Loves football" in text
    assert "attachment" not in text
    assert len(document.inline_shapes) == 1  # the tier chart
    assert AuditEvent.objects.filter(verb=Verb.DOWNLOAD_FORMULATION).count() == 1


def test_recommendation_numbers_stay_in_order_after_removal(
    world: World, signed_in: SignIn
) -> None:
    made = draft(world)
    second = recommend(made, 2, what="Second")
    recommend(made, 3, what="Third")
    first = made.recommendations.get(number=1)
    client = signed_in(world.person("psychologist"))
    response = client.post(
        _url("recommendation-remove", made, recommendation_id=first.pk),
        {"edit_version": made.edit_version},
    )
    assert response.status_code == 302
    assert list(
        Recommendation.objects.filter(report=made).order_by("number").values_list("what", "number")
    ) == [
        (second.what, 1),
        ("Third", 2),
    ]


def test_other_psychologists_are_asked_to_sign_off(  # type: ignore[no-untyped-def]
    world: World, signed_in: SignIn, django_capture_on_commit_callbacks
) -> None:
    from ecm.organisations.models import Membership
    from ecm.reminders.models import Reminder

    made = draft(world)
    assess(made.child, 1)
    colleague = make_user("second-psychologist")
    Membership.objects.create(user=colleague, service=world.services[1], role="psychologist")
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(world.person("psychologist")).post(_url("submit", made))
    assert Reminder.objects.filter(user=colleague).count() == 1
    assert not Reminder.objects.filter(user=world.person("psychologist")).exists()
