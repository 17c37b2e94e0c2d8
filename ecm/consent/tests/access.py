"""The consent app's rows of the authorisation matrix (see ecm/core/tests/access_matrix.py).

Consent and family pages are for the child's service only: partner agency workers
never see them, even for a child whose sharing consent names their agency.
"""

from __future__ import annotations

from datetime import date

from ecm.conftest import World
from ecm.consent.models import ConsentRecord, RelatedPerson
from ecm.core.tests.access_rules import EDITORS, READERS, scoped

CHANGERS = scoped(EDITORS, visible_but_refused=READERS - EDITORS)

ACCESS: dict[str, dict[str, object]] = {
    "consent:index": scoped(READERS),
    "consent:record": CHANGERS,
    "consent:withdraw": CHANGERS,
    "consent:family": scoped(READERS),
    "consent:person-add": CHANGERS,
    "consent:person-change": CHANGERS,
    "consent:consent-form": scoped(READERS),
    "consent:information-sheet": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    if name == "consent:withdraw":
        consent = ConsentRecord.objects.create(
            child=child,
            purpose="participation",
            method="signed_form",
            understanding_note="Explained it back in their own words",
            language_explained="en",
            given_on=date(2026, 1, 5),
            recorded_by=world.person("case_manager", n),
        )
        return {"child_id": child.pk, "consent_id": consent.pk}
    if name == "consent:person-change":
        person = RelatedPerson.objects.create(
            child=child,
            full_name="Carys Jones",
            relationship="mother",
            language="cy",
            recorded_by=world.person("case_manager", n),
        )
        return {"child_id": child.pk, "person_id": person.pk}
    return {"child_id": child.pk}
