"""The sequencing check: a recommendation placed above where the child is.

A recommendation warns when its tier (or the lowest tier its type of intervention
suits) is above the child's current tier, or when its type of intervention needs a
developmental level the child's latest mapping does not reach, or when what it
needs is not known yet (tier not assessed, domain not mapped). Each warning names
the reason. A warned recommendation is kept only with a clinical rationale
(never a silent block); the warnings are shown wherever it is shown (never
silently ignored). Pure: no queries beyond the recommendation's own relations.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ecm.development.ages import age_text
from ecm.development.models import Domain


def _name(intervention: Any) -> str:
    language = get_language() or "en"
    welsh = getattr(intervention, "name_cy", "")
    return str(welsh if language == "cy" and welsh else intervention.name)


def _number(holder: Any, name: str) -> int | None:
    try:
        tier = getattr(holder, name)
    except ObjectDoesNotExist:
        return None
    return None if tier is None else int(tier.number)


def _needed_tier(recommendation: Any) -> tuple[int, str] | None:
    """The tier the recommendation needs and the words for what needs it."""
    intervention = recommendation.intervention
    own = _number(recommendation, "tier")
    lowest = _number(intervention, "lowest_tier") if intervention is not None else None
    if lowest is not None and (own is None or lowest >= own):
        return lowest, _name(intervention)
    if own is not None:
        return own, _("This recommendation")
    return None


def warnings(
    recommendation: Any, child_tier_number: int | None, mapped_age_months: dict[str, int]
) -> list[str]:
    """Why this recommendation may come too early for this child (empty when it fits)."""
    found: list[str] = []
    needed = _needed_tier(recommendation)
    if needed is not None:
        number, what = needed
        if child_tier_number is None:
            found.append(
                _("%(what)s needs tier %(needed)s; this child's tier has not been assessed yet")
                % {"what": what, "needed": number}
            )
        elif number > child_tier_number:
            found.append(
                _("%(what)s needs tier %(needed)s; this child is at tier %(current)s")
                % {"what": what, "needed": number, "current": child_tier_number}
            )
    intervention = recommendation.intervention
    domain = getattr(intervention, "needs_domain", "") if intervention is not None else ""
    months = getattr(intervention, "needs_age_months", None) if intervention is not None else None
    if domain and months:
        label = str(dict(Domain.choices).get(domain, domain)).lower()
        mapped = mapped_age_months.get(domain)
        values = {"what": _name(intervention), "domain": label, "needed": age_text(months)}
        if mapped is None:
            found.append(
                _(
                    "%(what)s needs a functioning age of %(needed)s in the %(domain)s area; "
                    "this child's %(domain)s development has not been mapped yet"
                )
                % values
            )
        elif mapped < months:
            found.append(
                _(
                    "%(what)s needs a functioning age of %(needed)s in the %(domain)s area; "
                    "this child is mapped at %(mapped)s"
                )
                % {**values, "mapped": age_text(mapped)}
            )
    return found
