"""The demo as the partner agency workers' guide tells it: `partner-1` opens each of the
four children shared with their agency and finds, under "Shared with your agency", the
agency's timeline events, its meeting invitations and the shared formulation report,
and every link opens."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from ecm.accounts.models import User
from ecm.children.models import Child
from ecm.conftest import sign_in
from ecm.core import plugins
from ecm.demo import data
from ecm.demo.management.commands.load_demo_data import Command
from ecm.organisations.models import Service

GUIDE_NAMES = {
    "GL02407": "Tomos Whitcombe",
    "GL02414": "Nia Gwynne",
    "GL02428": "Alys Colborne",
    "GL02463": "Lowri Tudor",
}


@pytest.mark.django_db
def test_partner_1_finds_the_links_the_guide_describes() -> None:
    demo_service = data.SERVICES[0]
    Command()._load_service(demo_service)
    service = Service.objects.get(code=demo_service.code)
    for module in plugins.app_modules("demo"):
        module.load_demo(service, demo_service.number)
    client = sign_in(Client(), User.objects.get(username="partner-1"))
    for reference, name in GUIDE_NAMES.items():
        child = Child.objects.get(local_reference=reference)
        assert child.display_name == name
        page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
        block = page[page.index("Shared with your agency") : page.index("</main>")]
        links = re.findall(r'href="([^"]+)"', block)
        assert reverse("timeline:list", args=[child.pk]) in links, name
        assert reverse("formulation:shared", args=[child.pk]) in links, name
        invitations = [link for link in links if link.startswith("/meetings/invitations/")]
        assert invitations, name
        for link in links:
            assert client.get(link).status_code == 200, (name, link)
    # Mia Colborne's consent does not name the agency: her record stays hidden.
    hidden = Child.objects.get(local_reference="GL02449")
    assert client.get(reverse("children:detail", args=[hidden.pk])).status_code == 404
