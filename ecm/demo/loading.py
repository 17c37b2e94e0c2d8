"""Loading one demo service, whole or up to an app: what `load_demo_data` does, for tests
that check a story told by several apps' demos."""

from __future__ import annotations

from ecm.core import plugins
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import Service


def load_service(demo_service: data.DemoService, *, before: str | None = None) -> int:
    """The service's people and children, then each app's demo in INSTALLED_APPS order,
    stopping before the demo of the app `before` ("ecm.appointments", say). Returns the
    number of records created."""
    created = Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    for module in plugins.app_modules("demo"):
        if before is not None and module.__name__ == f"{before}.demo":
            break
        created += module.load_demo(service, demo_service.number)
    return created
