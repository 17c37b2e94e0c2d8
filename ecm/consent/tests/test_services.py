"""The service functions check their rules again, whoever calls them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World
from ecm.consent import services
from ecm.consent.models import ConsentRecord
from ecm.consent.tests.factories import consent, person
from ecm.core.access import load_actor


def _record(world: World, **overrides: object) -> ConsentRecord:
    child = overrides.pop("child", None) or world.child(1)
    values: dict[str, object] = {
        "person": None,
        "purpose": "participation",
        "method": "signed_form",
        "language_explained": "en",
        "given_on": date(2026, 1, 5),
        "understanding_note": "Said it back in their own words",
    }
    values.update(overrides)
    actor = load_actor(world.person("case_manager"))
    return services.record_consent(actor=actor, child=child, **values)  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides",
    [
        {"purpose": "sharing"},
        {"purpose": "reminders"},
        {"purpose": "reminders", "reminder_channels": ["pigeon"]},
        {"method": "verbal_with_witness"},
        {"understanding_note": " "},
        {"given_on": date.today() + timedelta(days=400)},
        {"review_on": date(2025, 1, 1)},
        {"purpose": "nonsense"},
    ],
)
def test_record_consent_refuses_what_the_form_would_refuse(
    world: World, overrides: dict[str, object]
) -> None:
    with pytest.raises(ValidationError):
        _record(world, **overrides)
    assert not ConsentRecord.objects.exists()
    assert not AuditEvent.objects.filter(verb=Verb.RECORD_CONSENT).exists()


@pytest.mark.django_db
def test_agencies_and_people_of_other_children_or_services_are_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        _record(world, purpose="sharing", agencies=[world.agencies[2]])
    with pytest.raises(ValidationError):
        _record(world, person=person(world.child(1)), understanding_note="")
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db
def test_only_editors_of_the_childs_service_record_or_withdraw(world: World) -> None:
    child = world.child(1)
    record = consent(child)
    for who in (world.person("psychologist"), world.person("case_manager", 2)):
        actor = load_actor(who)
        with pytest.raises(PermissionDenied):
            services.record_consent(
                actor=actor,
                child=child,
                person=None,
                purpose="participation",
                method="signed_form",
                language_explained="en",
                given_on=date(2026, 1, 5),
                understanding_note="Noted",
            )
        with pytest.raises(PermissionDenied):
            services.withdraw_consent(actor=actor, consent=record, withdrawn_on=date(2026, 2, 1))
    assert ConsentRecord.objects.count() == 1


@pytest.mark.django_db
def test_withdrawal_dates_are_checked_and_happen_once(world: World) -> None:
    record = consent(world.child(1), given_on=date(2026, 1, 5))
    actor = load_actor(world.person("case_manager"))
    for day in (date(2026, 1, 4), timezone.localdate() + timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.withdraw_consent(actor=actor, consent=record, withdrawn_on=day)
    services.withdraw_consent(actor=actor, consent=record, withdrawn_on=date(2026, 1, 5))
    with pytest.raises(services.AlreadyWithdrawn):
        services.withdraw_consent(actor=actor, consent=record, withdrawn_on=date(2026, 2, 1))
    record.refresh_from_db()
    assert record.withdrawn_on == date(2026, 1, 5)
    assert AuditEvent.objects.filter(verb=Verb.WITHDRAW_CONSENT).count() == 1
