"""Service administrators publish eligibility rule sets and choose which apply when."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.eligibility import queries, services
from ecm.eligibility.forms import ChooseRuleSetForm, PublishRuleSetForm
from ecm.organisations.queries import administered_services


def _service(request: HttpRequest):  # type: ignore[no-untyped-def]
    services_ = administered_services(access.actor_for(request))
    if not services_:
        raise PermissionDenied
    return services_[0]


def rules(request: HttpRequest) -> HttpResponse:
    service = _service(request)
    actor = access.actor_for(request)
    rule_sets = queries.rule_sets_for(actor)
    form = ChooseRuleSetForm(request.POST or None, rule_sets=rule_sets)
    if request.method == "POST" and form.is_valid():
        services.choose_rule_set(actor=actor, service=service, **form.cleaned_data)
        messages.success(request, _("The eligibility rules have been chosen"))
        return redirect("eligibility:rules")
    return render(
        request,
        "eligibility/rules.html",
        {
            "service": service,
            "form": form,
            "rule_sets": rule_sets.prefetch_related("criteria"),
            "assignments": queries.assignments_for(actor),
        },
    )


def rule_set_detail(request: HttpRequest, rule_set_id: int) -> HttpResponse:
    actor = access.actor_for(request)
    if not actor.has_any(access.SERVICE_ADMINISTRATORS):
        raise PermissionDenied
    rule_set = queries.get_rule_set(actor, rule_set_id)
    return render(request, "eligibility/rule_set.html", {"rule_set": rule_set})


def publish(request: HttpRequest) -> HttpResponse:
    service = _service(request)
    actor = access.actor_for(request)
    base = None
    if request.GET.get("from", "").isdigit():
        base = queries.get_rule_set(actor, int(request.GET["from"]))
    initial = PublishRuleSetForm.initial_from(base) if base else {}
    form = PublishRuleSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rule_set = services.publish_rule_set(
            actor=actor,
            service=service,
            text=services.RuleSetText(
                data["name"], data["name_cy"], data["description"], data["description_cy"]
            ),
            rules=form.rules(),
            key=request.POST.get("key", "") if base else "",
        )
        messages.success(request, _("The rule set has been published"))
        return redirect("eligibility:rule-set", rule_set_id=rule_set.pk)
    return render(request, "eligibility/publish.html", {"form": form, "base": base})
