"""Warning policies in the admin: any change re-evaluates every running clock in the same transaction,
clears "as loaded from the policies file" (so a reload keeps the edit) and says what changed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from alerts.models import Clock, Level, PolicyAssignment, Threshold, WarningPolicy, WarningTransition
from alerts.scan import tick
from caseflow.models import StageTemplate
from tests.admin.forms import form_data
from tests.factories import at


def change_url(policy: WarningPolicy) -> str:
    return reverse("admin:alerts_warningpolicy_change", args=[policy.pk])


def inline_index(response, model) -> int:
    for n, inline in enumerate(response.context["inline_admin_formsets"]):
        if inline.formset.model is model:
            return n
    raise AssertionError(model)


def prefix_of(response, model) -> str:
    return response.context["inline_admin_formsets"][inline_index(response, model)].formset.prefix


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def reminded(appeal, precise_policy, travel):
    """2026-09-25 10:00: the appeal (due 10-08) is at "reminder" (14 days left); "warning" needs at most
    3 working days left. The policy counts as loaded from the file."""
    WarningPolicy.objects.filter(pk=precise_policy.pk).update(loaded_from_file=True)
    tick(now=at("2026-09-25 10:00"))
    travel("2026-09-25 10:00")
    clock = Clock.objects.get(stage=appeal)
    assert clock.level == Level.REMINDER
    return clock


def test_raising_a_threshold_changes_the_level_of_running_clocks(reminded, precise_policy, admin_client):
    page = admin_client.get(change_url(precise_policy))
    data = form_data(page)
    prefix = prefix_of(page, Threshold)
    warning = next(
        n
        for n, form in enumerate(
            page.context["inline_admin_formsets"][inline_index(page, Threshold)].formset.forms
        )
        if form.instance.level == Level.WARNING
    )
    data[f"{prefix}-{warning}-amount"] = "10"  # warning from 10 working days left: already reached
    response = admin_client.post(change_url(precise_policy), data, follow=True)
    assert response.status_code == 200
    reminded.refresh_from_db()
    assert reminded.level == Level.WARNING
    transition = WarningTransition.objects.get(clock=reminded, to_level=Level.WARNING)
    assert (transition.reason, transition.at) == (
        WarningTransition.Reason.POLICY_CHANGED,
        at("2026-09-25 10:00"),
    )
    assert any("1 changed level" in message for message in messages_of(response))
    assert not WarningPolicy.objects.get(pk=precise_policy.pk).loaded_from_file


def test_saving_without_a_change_re_evaluates_nothing(reminded, precise_policy, admin_client):
    response = admin_client.post(
        change_url(precise_policy), form_data(admin_client.get(change_url(precise_policy))), follow=True
    )
    assert "Nothing changed: warning levels were not re-evaluated." in messages_of(response)
    assert WarningPolicy.objects.get(pk=precise_policy.pk).loaded_from_file
    assert Clock.objects.get(pk=reminded.pk).level == Level.REMINDER


def test_removing_the_escalation_ladder_is_an_edit_too(reminded, precise_policy, admin_client):
    from alerts.models import EscalationStep

    page = admin_client.get(change_url(precise_policy))
    data = form_data(page)
    prefix = prefix_of(page, EscalationStep)
    data[f"{prefix}-2-DELETE"] = "on"
    admin_client.post(change_url(precise_policy), data)
    assert precise_policy.escalation_steps.count() == 2
    assert not WarningPolicy.objects.get(pk=precise_policy.pk).loaded_from_file


def test_a_reload_of_the_policies_file_keeps_the_admin_edit(reference_data, admin_client, travel):
    travel("2026-09-25 10:00")
    policy = WarningPolicy.objects.get(code="default")
    assert policy.loaded_from_file
    data = form_data(admin_client.get(change_url(policy)))
    data["nag_interval_hours"] = "6"
    assert admin_client.post(change_url(policy), data).status_code == 302
    call_command("load_policies", stdout=io.StringIO())
    policy.refresh_from_db()
    assert (policy.nag_interval_hours, policy.loaded_from_file) == (6, False)


def test_a_bad_threshold_is_refused_and_nothing_is_re_evaluated(reminded, precise_policy, admin_client):
    page = admin_client.get(change_url(precise_policy))
    data = form_data(page)
    prefix = prefix_of(page, Threshold)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(int(data[f"{prefix}-TOTAL_FORMS"]) + 1),
            f"{prefix}-3-level": "1",
            f"{prefix}-3-measure": "elapsed_percent",
            f"{prefix}-3-amount": "150",
        }
    )
    response = admin_client.post(change_url(precise_policy), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][inline_index(response, Threshold)].formset
    assert formset.forms[3].errors["amount"] == ["A share of the limit is a percentage from 1 to 100."]
    assert precise_policy.thresholds.count() == 3
    assert WarningPolicy.objects.get(pk=precise_policy.pk).loaded_from_file


def test_making_a_policy_the_default_takes_it_from_the_previous_one(reminded, precise_policy, admin_client):
    data = form_data(admin_client.get(change_url(precise_policy)))
    data["make_default"] = "on"
    assert admin_client.post(change_url(precise_policy), data).status_code == 302
    assert list(WarningPolicy.objects.filter(is_default=True)) == [precise_policy]


def test_the_default_cannot_just_be_switched_off(reference_data, admin_client):
    policy = WarningPolicy.objects.get(is_default=True)
    data = form_data(admin_client.get(change_url(policy)))
    del data["make_default"]
    response = admin_client.post(change_url(policy), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["make_default"] == [
        "There must be a default policy: make another policy the default instead."
    ]


def test_assigning_a_template_moves_its_clocks_to_the_policy(reminded, appeal, precise_policy, admin_client):
    """Moving the appeal's template to the default policy re-points its clock and re-derives its level."""
    default = WarningPolicy.objects.get(is_default=True)
    PolicyAssignment.objects.filter(stage_template=appeal.template).delete()
    page = admin_client.get(change_url(default))
    data = form_data(page)
    prefix = prefix_of(page, PolicyAssignment)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {f"{prefix}-TOTAL_FORMS": str(total + 1), f"{prefix}-{total}-stage_template": appeal.template.pk}
    )
    # the precise policy lost its assignment above; the clock still points at it until re-evaluated
    assert admin_client.post(change_url(default), data).status_code == 302
    assert Clock.objects.get(pk=reminded.pk).policy == default
    assert PolicyAssignment.objects.get(stage_template=appeal.template).policy == default


def test_a_pack_template_keeps_the_policy_its_pack_gives(reference_data, admin_client):
    packed = StageTemplate.objects.exclude(matter_type__pack="").select_related("matter_type").first()
    target = WarningPolicy.objects.exclude(pk=packed.policy_assignment.policy_id).first()
    page = admin_client.get(change_url(target))
    data = form_data(page)
    prefix = prefix_of(page, PolicyAssignment)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({f"{prefix}-TOTAL_FORMS": str(total + 1), f"{prefix}-{total}-stage_template": packed.pk})
    response = admin_client.post(change_url(target), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][inline_index(response, PolicyAssignment)].formset
    assert f"is defined in {packed.matter_type.pack}: set its policy in that file." in str(
        formset.forms[total].errors
    )
    assert PolicyAssignment.objects.get(stage_template=packed).policy_id != target.pk


def test_an_assignment_has_exactly_one_target(appeal, precise_policy, admin_client):
    """A stage template or a matter type (for its total limit), not both: the error is on the field."""
    PolicyAssignment.objects.filter(stage_template=appeal.template).delete()
    page = admin_client.get(change_url(precise_policy))
    data = form_data(page)
    prefix = prefix_of(page, PolicyAssignment)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-{total}-stage_template": appeal.template.pk,
            f"{prefix}-{total}-matter_type": appeal.template.matter_type_id,
        }
    )
    response = admin_client.post(change_url(precise_policy), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][inline_index(response, PolicyAssignment)].formset
    assert formset.forms[total].errors == {
        "stage_template": ["Choose either a stage template or a matter type (its total limit)."]
    }
    assert not PolicyAssignment.objects.filter(stage_template=appeal.template).exists()


def test_a_failed_re_evaluation_leaves_the_policy_as_it_was(
    reminded, precise_policy, admin_client, monkeypatch
):
    import alerts.admin.policies

    def broken(**kwargs):
        raise RuntimeError("scan failed")

    monkeypatch.setattr(alerts.admin.policies, "reevaluate_all", broken)
    page = admin_client.get(change_url(precise_policy))
    data = form_data(page)
    data["nag_interval_hours"] = "1"
    with pytest.raises(RuntimeError, match="scan failed"):
        admin_client.post(change_url(precise_policy), data)
    precise_policy.refresh_from_db()
    assert (precise_policy.nag_interval_hours, precise_policy.loaded_from_file) == (24, True)
