"""The audit log: append-only in PostgreSQL, and answerable by a service administrator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.conftest import World

SignIn = Callable[[User], Client]


@pytest.mark.postgres
@pytest.mark.django_db
def test_audit_rows_cannot_be_updated_or_deleted() -> None:
    assert connection.vendor == "postgresql"
    event = AuditEvent.objects.create(verb=Verb.SIGN_IN, username="someone")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(username="someone-else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.username == "someone"


@pytest.mark.django_db
def test_service_admin_sees_who_looked_at_a_child(world: World, signed_in: SignIn) -> None:
    child = world.child(1, legal_first_name="Heledd")
    Client()
    from ecm.conftest import sign_in

    viewer = world.person("psychologist")
    sign_in(Client(), viewer).get(reverse("children:detail", args=[child.pk]))
    admin = signed_in(world.person("service_admin"))
    search = admin.post(reverse("audit:children"), {"search": "Heledd"})
    assert search.status_code == 302
    results = admin.get(reverse("audit:children")).content.decode()
    assert "Heledd" in results
    log = admin.get(reverse("audit:child-log", args=[child.pk])).content.decode()
    assert viewer.username in log
    assert "Viewed the child&#x27;s record" in log
    assert AuditEvent.objects.filter(verb=Verb.VIEW_ACCESS_LOG, child_id=child.pk).exists()


@pytest.mark.django_db
def test_access_log_of_another_service_is_not_found(world: World, signed_in: SignIn) -> None:
    child = world.child(2)
    admin = signed_in(world.person("service_admin", 1))
    assert admin.get(reverse("audit:child-log", args=[child.pk])).status_code == 404


@pytest.mark.django_db
def test_a_failed_audit_write_fails_the_read(world: World, signed_in: SignIn, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    child = world.child(1)
    client = signed_in(world.person("case_manager"))
    client.raise_request_exception = False

    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("audit store unavailable")

    monkeypatch.setattr("ecm.children.queries.record_event", broken)
    response = client.get(reverse("children:detail", args=[child.pk]))
    assert response.status_code == 500
    assert child.legal_first_name not in response.content.decode()
