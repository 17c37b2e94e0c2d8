"""Service administration: people, teams, partner agencies and the settings of one service."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ecm.accounts import services as accounts_services
from ecm.accounts.models import User
from ecm.audit.models import Verb
from ecm.audit.services import record_event
from ecm.core import access
from ecm.core.access import Actor
from ecm.organisations.models import (
    SERVICE_SETTINGS,
    Membership,
    PartnerAgency,
    Role,
    Service,
    Team,
)


def _require_admin(actor: Actor, service: Service) -> None:
    if not access.can_administer(actor, service.pk):
        raise PermissionDenied


def create_team(*, actor: Actor, service: Service, name: str) -> Team:
    _require_admin(actor, service)
    with transaction.atomic():
        team = Team.objects.create(service=service, name=name)
        record_event(
            actor=actor,
            verb=Verb.CREATE_TEAM,
            service_id=service.pk,
            object_type="team",
            object_id=team.pk,
            detail={"name": name},
        )
    return team


def rename_team(*, actor: Actor, team: Team, name: str) -> Team:
    _require_admin(actor, team.service)
    with transaction.atomic():
        old = team.name
        team.name = name
        team.save(update_fields=["name"])
        record_event(
            actor=actor,
            verb=Verb.UPDATE_TEAM,
            service_id=team.service_id,
            object_type="team",
            object_id=team.pk,
            detail={"from": old, "to": name},
        )
    return team


def create_agency(*, actor: Actor, service: Service, name: str, kind: str) -> PartnerAgency:
    _require_admin(actor, service)
    with transaction.atomic():
        agency = PartnerAgency.objects.create(service=service, name=name, kind=kind)
        record_event(
            actor=actor,
            verb=Verb.CREATE_AGENCY,
            service_id=service.pk,
            object_type="agency",
            object_id=agency.pk,
            detail={"name": name, "kind": kind},
        )
    return agency


def add_person(
    *,
    actor: Actor,
    service: Service,
    request: HttpRequest | None,
    username: str,
    full_name: str,
    email: str,
    language: str,
    role: Role,
    team: Team | None,
    agency: PartnerAgency | None,
) -> Membership:
    """Creates an account with no usable password and e-mails a link to set one."""
    _require_admin(actor, service)
    with transaction.atomic():
        user = User.objects.create_user(
            username=username.lower(),
            email=email,
            full_name=full_name,
            language=language,
            password=None,
        )
        membership = Membership.objects.create(
            user=user, service=service, role=role, team=team, agency=agency
        )
        record_event(
            actor=actor,
            verb=Verb.CREATE_USER,
            service_id=service.pk,
            object_type="user",
            object_id=user.pk,
            detail={"username": user.username, "role": role},
        )
        transaction.on_commit(lambda: _send_invitation(user, request))
    return membership


def _send_invitation(user: User, request: HttpRequest | None) -> None:
    """The same one-time link as a password reset, in the person's own language."""
    context = {
        "protocol": "https" if request is not None and request.is_secure() else "http",
        "domain": request.get_host() if request is not None else "localhost",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    with translation.override(user.language):
        subject = render_to_string("accounts/email/password_reset_subject.txt", context)
        body = render_to_string("accounts/email/password_reset.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def change_membership(
    *,
    actor: Actor,
    membership: Membership,
    role: Role,
    team: Team | None,
    agency: PartnerAgency | None,
    is_active: bool,
) -> Membership:
    """Changes a person's role in this service, or ends it. A person with no active
    role left in any service can no longer sign in, and their sessions end."""
    _require_admin(actor, membership.service)
    if membership.user_id == actor.id and not is_active:
        raise PermissionDenied
    with transaction.atomic():
        before = {"role": membership.role, "is_active": membership.is_active}
        membership.role = role
        membership.team = team
        membership.agency = agency
        membership.is_active = is_active
        membership.save(update_fields=["role", "team", "agency", "is_active"])
        user = membership.user
        still_active = Membership.objects.filter(user=user, is_active=True).exists()
        if user.is_active != still_active:
            user.is_active = still_active
            user.save(update_fields=["is_active"])
        record_event(
            actor=actor,
            verb=Verb.UPDATE_USER,
            service_id=membership.service_id,
            object_type="membership",
            object_id=membership.pk,
            detail={"before": before, "after": {"role": role, "is_active": is_active}},
        )
    return membership


def reset_second_factor(*, actor: Actor, membership: Membership) -> None:
    _require_admin(actor, membership.service)
    accounts_services.reset_second_factor(
        actor=actor, user=membership.user, service_id=membership.service_id
    )


class SettingsConflict(Exception):
    """Someone else saved the service's settings after this person opened them."""

    def __init__(self, current: Service) -> None:
        super().__init__("settings conflict")
        self.current = current


def change_settings(
    *, actor: Actor, service: Service, values: dict[str, Any], expected_version: int
) -> Service:
    """Saves the service's own settings (SERVICE_SETTINGS) if nobody else has saved them
    since `expected_version`; otherwise saves nothing, records the conflict and raises
    SettingsConflict with what the other person saved."""
    _require_admin(actor, service)
    changes = {name: values[name] for name in SERVICE_SETTINGS}
    with transaction.atomic():
        before = Service.objects.select_for_update().get(pk=service.pk)
        if before.settings_version != expected_version:
            record_event(
                actor=actor,
                verb=Verb.EDIT_CONFLICT,
                service_id=service.pk,
                object_type="service",
                object_id=service.pk,
                detail={
                    "expected_version": expected_version,
                    "current_version": before.settings_version,
                },
            )
            conflict = SettingsConflict(before)
        else:
            conflict = None
            changed = {
                name: [getattr(before, name), value]
                for name, value in changes.items()
                if getattr(before, name) != value
            }
            for name, value in changes.items():
                setattr(before, name, value)
            before.settings_version += 1
            before.save(update_fields=[*changes, "settings_version"])
            record_event(
                actor=actor,
                verb=Verb.UPDATE_SERVICE_SETTINGS,
                service_id=service.pk,
                object_type="service",
                object_id=service.pk,
                detail={"changed": changed, "version": before.settings_version},
            )
    if conflict is not None:
        raise conflict
    return before
