"""Builds the demo: `python manage.py load_demo_data`. Running it again changes nothing."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ecm.accounts.models import TOTPDevice, User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.core import plugins
from ecm.demo import data
from ecm.organisations.models import Membership, PartnerAgency, Service, Team


class Command(BaseCommand):
    help = "Load deterministic synthetic demo data (demo mode only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo mode is off: demo data cannot be loaded.")
        created = 0
        with transaction.atomic():
            for demo_service in data.SERVICES:
                created += self._load_service(demo_service)
                service = Service.objects.get(code=demo_service.code)
                for module in plugins.app_modules("demo"):
                    created += module.load_demo(service, demo_service.number)
            if created:
                AuditEvent.objects.create(
                    verb=Verb.LOAD_DEMO, username="system", detail={"created": created}
                )
        self.stdout.write(f"Demo data ready ({created} records created).")

    def _user(self, username: str, full_name: str, language: str) -> tuple[User, bool]:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "email": f"{username}@demo.ecm.invalid",
                "language": language,
                "is_demo": True,
            },
        )
        if created:
            user.set_password(data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            TOTPDevice.objects.create(
                user=user, secret=data.DEMO_TOTP_SECRET, confirmed_at=timezone.now()
            )
        return user, created

    def _load_service(self, demo: data.DemoService) -> int:
        created = 0
        rng = random.Random(f"ecm-demo-staff-{demo.number}")
        service, made = Service.objects.get_or_create(
            code=demo.code, defaults={"name": demo.name, "name_cy": demo.name_cy}
        )
        created += made
        teams = []
        for name in demo.teams:
            team, made = Team.objects.get_or_create(service=service, name=name)
            teams.append(team)
            created += made
        agencies = []
        for name, kind in demo.agencies:
            agency, made = PartnerAgency.objects.get_or_create(
                service=service, name=name, defaults={"kind": kind}
            )
            agencies.append(agency)
            created += made
        case_managers = []
        for prefix, role in data.ROLES:
            usernames = [f"{prefix}-{demo.number}"]
            if role == "case_manager":
                usernames += [f"{prefix}-{demo.number}b", f"{prefix}-{demo.number}c"]
            for username in usernames:
                language = "cy" if rng.random() < 0.3 else "en"
                user, made = self._user(username, data.staff_name(rng), language)
                created += made
                _, made = Membership.objects.get_or_create(
                    user=user,
                    service=service,
                    role=role,
                    defaults={
                        "team": teams[0] if role in {"case_manager", "team_manager"} else None,
                        "agency": agencies[0] if role == "partner" else None,
                    },
                )
                created += made
                if role == "case_manager":
                    case_managers.append(user)
        for child in data.children_for(demo):
            _, made = Child.objects.get_or_create(
                service=service,
                local_reference=child.reference,
                defaults={
                    "legal_first_name": child.first,
                    "legal_last_name": child.last,
                    "preferred_name": child.preferred,
                    "date_of_birth": child.born,
                    "gender": child.gender,
                    "ethnicity": child.ethnicity,
                    "language_preference": child.language,
                    "language_asked_on": child.asked,
                    "communication_needs": child.needs,
                    "team": teams[0]
                    if child.case_manager_index is not None
                    else teams[child.team_index],
                    "case_manager": (
                        None
                        if child.case_manager_index is None
                        else case_managers[child.case_manager_index]
                    ),
                },
            )
            created += made
        if created:
            self._past_views(service)
        return created

    def _past_views(self, service: Service) -> None:
        """A few weeks of synthetic record views, so the access log has history to show."""
        rng = random.Random(f"ecm-demo-views-{service.pk}")
        viewers = list(
            Membership.objects.filter(
                service=service, role__in=["case_manager", "psychologist", "team_manager"]
            ).select_related("user")
        )
        children = list(Child.objects.filter(service=service).order_by("pk")[:12])
        events = []
        now = timezone.now()
        for child in children:
            for _ in range(rng.randint(2, 6)):
                viewer = rng.choice(viewers)
                events.append(
                    AuditEvent(
                        user_id=viewer.user_id,
                        username=viewer.user.username,
                        role=viewer.role,
                        service_id=service.pk,
                        child_id=child.pk,
                        verb=Verb.VIEW_CHILD,
                        object_type="child",
                        object_id=str(child.pk),
                        detail={"demo": True},
                        at=now - timedelta(minutes=rng.randint(60, 21 * 24 * 60)),
                    )
                )
        AuditEvent.objects.bulk_create(events)
