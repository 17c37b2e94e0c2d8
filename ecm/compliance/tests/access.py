"""The non-attendance pathway's rows of the authorisation matrix (see
ecm/core/tests/access_matrix.py)."""

from __future__ import annotations

from ecm.appointments.tests import factories
from ecm.compliance.models import DecisionState
from ecm.conftest import World
from ecm.core.tests.access_rules import EDITORS, READERS, scoped

_WRITE = scoped(EDITORS, visible_but_refused=READERS - EDITORS)
_CONSULT = EDITORS | {"psychologist"}

ACCESS: dict[str, dict[str, object]] = {
    "compliance:record": scoped(READERS),
    "compliance:follow-up": scoped(READERS),
    "compliance:attempt": _WRITE,
    "compliance:complete": _WRITE,
    "compliance:decision": _WRITE,
    # The psychologist may record the consultation too.
    "compliance:consultation": scoped(_CONSULT, visible_but_refused=READERS - _CONSULT),
    # Team managers sign off; everyone else who reads the record is refused.
    "compliance:sign-off": scoped({"team_manager"}, visible_but_refused=READERS - {"team_manager"}),
    "compliance:warning-letter": scoped(READERS),
}


def url_kwargs(name: str, world: World, relation: str) -> dict[str, object]:
    n = 1 if relation == "own" else 2
    child = world.child(n)
    kwargs: dict[str, object] = {"child_id": child.pk}
    follow_up = factories.missed(child)
    if name == "compliance:sign-off":
        decision = factories.decision(follow_up, state=DecisionState.AWAITING_SIGN_OFF)
        kwargs["decision_id"] = decision.pk
    elif name == "compliance:warning-letter":
        kwargs["decision_id"] = factories.decision(follow_up).pk
    elif name != "compliance:record":
        kwargs["follow_up_id"] = follow_up.pk
    return kwargs
