"""Times the caseload, child and access-log pages on generated data and prints figures.

Run through `make benchmark`, which gives it a throwaway PostgreSQL. The data is
synthetic and written with bulk inserts; audit rows cannot be deleted, so never
point this at a database you want to keep.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.audit.models import AuditEvent, Verb
from ecm.children.models import Child
from ecm.organisations.models import Membership, Service, Team


class Command(BaseCommand):
    help = "Print page timings (p50/p95) and query counts on generated data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--children", type=int, default=5000)
        parser.add_argument("--caseload", type=int, default=50)
        parser.add_argument("--audit-rows", type=int, default=500_000)
        parser.add_argument("--requests", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        if Service.objects.filter(code="benchmark").exists():
            raise CommandError("This database already has benchmark data: use a fresh one.")
        started = time.perf_counter()
        user, child_id = self._generate(options)
        self.stdout.write(
            f"generated {options['children']} children, {options['audit_rows']} audit rows "
            f"in {time.perf_counter() - started:.1f} s"
        )
        client = Client()
        client.force_login(user)
        session = client.session
        session["signed_in_at"] = time.time()
        session.save()
        pages = {
            "caseload (50 children)": reverse("children:list") + "?scope=mine",
            "service view (page of 50)": reverse("children:list") + "?scope=service",
            "child record": reverse("children:detail", args=[child_id]),
        }
        for label, url in pages.items():
            self._time(client, label, url, options["requests"])
        admin = User.objects.get(username="bench-admin")
        admin_client = Client()
        admin_client.force_login(admin)
        session = admin_client.session
        session["signed_in_at"] = time.time()
        session.save()
        self._time(
            admin_client,
            "who looked at this child",
            reverse("audit:child-log", args=[child_id]),
            options["requests"] // 4,
        )

    def _time(self, client: Client, label: str, url: str, count: int) -> None:
        # Counted with an execute wrapper: the request signals reset Django's query log.
        queries: list[str] = []

        def counting(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        for _ in range(10):  # warm up caches and connections before timing
            client.get(url)
        timings = []
        for _ in range(count):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        self.stdout.write(
            f"{label:28s} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"queries {len(queries):2d}  html {len(response.content) / 1024:5.1f} KB"
        )

    def _generate(self, options: dict[str, Any]) -> tuple[User, int]:
        rng = random.Random(20261121)  # noqa: S311 - synthetic data, not security
        service = Service.objects.create(name="Benchmark Youth Justice Service", code="benchmark")
        team = Team.objects.create(service=service, name="Benchmark team")
        user = User.objects.create_user(
            username="bench-case-manager", password=None, full_name="Benchmark Case Manager"
        )
        Membership.objects.create(user=user, service=service, role="case_manager", team=team)
        admin = User.objects.create_user(
            username="bench-admin", password=None, full_name="Benchmark Admin"
        )
        Membership.objects.create(user=admin, service=service, role="service_admin")
        children = [
            Child(
                service=service,
                team=team,
                case_manager=user if i < options["caseload"] else None,
                local_reference=f"BM{i:07d}",
                legal_first_name=f"First{i}",
                legal_last_name=f"Last{rng.randint(0, 9999):04d}",
                date_of_birth=date(2009, 1, 1) + timedelta(days=rng.randint(0, 2500)),
                gender="male",
                ethnicity="not_stated",
                language_preference="cy" if i % 4 == 0 else "en",
            )
            for i in range(options["children"])
        ]
        Child.objects.bulk_create(children, batch_size=2000)
        ids = list(Child.objects.filter(service=service).values_list("pk", flat=True))
        batch: list[AuditEvent] = []
        for n in range(options["audit_rows"]):
            batch.append(
                AuditEvent(
                    user_id=user.pk,
                    username=user.username,
                    role="case_manager",
                    service_id=service.pk,
                    child_id=ids[rng.randrange(len(ids))],
                    verb=Verb.VIEW_CHILD,
                    request_id=f"{n:032x}",
                )
            )
            if len(batch) == 10_000:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
        assert settings.ALLOWED_HOSTS
        return user, ids[0]
