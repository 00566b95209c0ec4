"""Rules, event types and matter types: the ones loaded from files are read-only with a note; the ones
created here are validated by the models and the formsets (periods, overlapping versions, rules in
force, trigger cycles, internal leads)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from caseflow.models import Calendar, EventType, MatterType, Rule, RuleVersion, StageTemplate
from caseflow.services.events import record_event
from tests.admin.forms import form_data
from tests.factories import at, day, event_type, make_matter, make_matter_type


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


# --- rules ------------------------------------------------------------------------------------------


def test_a_rule_from_the_files_is_read_only_with_a_note(reference_data, admin_client):
    rule = Rule.objects.get(code="cn.civil.appeal_judgment")
    assert rule.source_file.startswith("caseflow/rules/")
    change = reverse("admin:caseflow_rule_change", args=[rule.pk])
    page = admin_client.get(change).content.decode()
    assert f"Loaded from {rule.source_file}: edit that file and run `manage.py load_rules`" in page
    assert 'name="name_zh"' not in page and 'name="versions-0-period"' not in page
    assert admin_client.post(change, {"name_zh": "改"}).status_code == 403
    assert admin_client.get(reverse("admin:caseflow_rule_delete", args=[rule.pk])).status_code == 403
    assert Rule.objects.get(pk=rule.pk).name_zh == rule.name_zh


def test_an_event_type_from_the_files_is_read_only(reference_data, admin_client):
    served = EventType.objects.get(code="judgment_served")
    page = admin_client.get(reverse("admin:caseflow_eventtype_change", args=[served.pk])).content.decode()
    assert "Loaded from" in page and 'name="name_zh"' not in page


def rule_data(**versions) -> dict:
    """POST data for a new admin rule; ``versions`` maps the form index to its fields."""
    trigger = EventType.objects.get(code="judgment_served")
    data = {
        "code": "office.internal.reply",
        "jurisdiction": "CN",
        "name_zh": "内部答复期限",
        "name_en": "Internal reply limit",
        **management("versions", len(versions)),
    }
    for n, fields in versions.items():
        row = {
            "valid_from": "2024-01-01",
            "trigger": trigger.pk,
            "period": "10d",
            "direction": "after",
            "convention": "cn_civil",
            "actor": "party",
            "extendable": "on",
            "verified": "text",
            **fields,
        }
        data.update({f"versions-{n[1:]}-{key}": value for key, value in row.items() if value is not None})
    return data


def test_an_office_rule_is_created_with_its_versions(reference_data, admin_client):
    data = rule_data(v0={"valid_to": "2025-12-31"}, v1={"valid_from": "2026-01-01", "period": "15d"})
    response = admin_client.post(reverse("admin:caseflow_rule_add"), data)
    assert response.status_code == 302, response.context["errors"]
    rule = Rule.objects.get(code="office.internal.reply")
    assert rule.source_file == ""
    assert list(rule.versions.order_by("valid_from").values_list("period", flat=True)) == ["10d", "15d"]
    page = admin_client.get(reverse("admin:caseflow_rule_change", args=[rule.pk])).content.decode()
    assert 'name="versions-0-period"' in page  # editable


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("-5d", "malformed period '-5d'"),
        ("15x", "malformed period '15x'"),
        ("0d", "period '0d' must be longer than zero"),
    ],
)
def test_a_bad_period_is_refused_on_its_field(reference_data, admin_client, period, message):
    response = admin_client.post(reverse("admin:caseflow_rule_add"), rule_data(v0={"period": period}))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert any(message in error for error in formset.forms[0].errors["period"])
    assert not Rule.objects.filter(code="office.internal.reply").exists()


def test_overlapping_versions_are_refused(reference_data, admin_client):
    data = rule_data(v0={}, v1={"valid_from": "2026-01-01"})  # the first is open-ended
    response = admin_client.post(reverse("admin:caseflow_rule_add"), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["valid_from"] == ["Validity overlaps version from 2024-01-01."]
    assert not Rule.objects.filter(code="office.internal.reply").exists()


def test_a_version_stages_counted_with_keeps_its_period(office, admin_client):
    admin_client.post(reverse("admin:caseflow_rule_add"), rule_data(v0={}))
    rule = Rule.objects.get(code="office.internal.reply")
    used = make_matter_type([{"code": "reply", "trigger": "judgment_served", "rule": rule.code}])
    matter = make_matter(office, used)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-20 10:00"),
    )
    change = reverse("admin:caseflow_rule_change", args=[rule.pk])
    data = form_data(admin_client.get(change))
    data["versions-0-period"] = "20d"
    response = admin_client.post(change, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.forms[0].non_field_errors()
    assert "Stages have already counted with this version" in errors[0]
    assert RuleVersion.objects.get(rule=rule).period == "10d"


# --- matter types and stage templates ---------------------------------------------------------------


def test_a_matter_type_from_a_pack_is_read_only_with_a_note(reference_data, admin_client):
    packed = MatterType.objects.exclude(pack="").order_by("code").first()
    change = reverse("admin:caseflow_mattertype_change", args=[packed.pk])
    page = admin_client.get(change).content.decode()
    assert f"Loaded from {packed.pack}: edit that file and run `manage.py load_packs`" in page
    assert 'name="stage_templates-0-period"' not in page
    assert admin_client.post(change, {}).status_code == 403


@pytest.fixture
def chain(reference_data):
    """An office matter type: "notice" counts from a → records b; "reply" counts from b → records c."""
    for code in ("evt_a", "evt_b", "evt_c"):
        event_type(code)
    return make_matter_type(
        [
            {
                "code": "notice",
                "trigger": "evt_a",
                "period": "10d",
                "convention": "cn_civil",
                "completion_event": "evt_b",
            },
            {
                "code": "reply",
                "trigger": "evt_b",
                "period": "5wd",
                "convention": "cn_workdays",
                "completion_event": "evt_c",
            },
        ]
    )


def edit(admin_client, matter_type, **changes):
    change = reverse("admin:caseflow_mattertype_change", args=[matter_type.pk])
    data = form_data(admin_client.get(change))
    data.update(changes)
    return admin_client.post(change, data)


def template_errors(response, index: int) -> dict:
    return response.context["inline_admin_formsets"][0].formset.forms[index].errors


def test_an_office_matter_type_is_edited_with_its_templates(chain, admin_client):
    response = edit(admin_client, chain, **{"stage_templates-1-period": "7wd"})
    assert response.status_code == 302
    assert StageTemplate.objects.get(matter_type=chain, code="reply").period == "7wd"


def test_a_trigger_cycle_is_refused_on_the_completion_event(chain, admin_client):
    response = edit(admin_client, chain, **{"stage_templates-1-completion_event": event_type("evt_a").pk})
    assert response.status_code == 200
    errors = template_errors(response, 1)["completion_event"]
    assert any("These stages trigger each other in a cycle" in e and "notice" in e for e in errors)
    assert StageTemplate.objects.get(matter_type=chain, code="reply").completion_event.code == "evt_c"


def test_a_cycle_among_new_templates_is_refused(reference_data, admin_client):
    for code in ("evt_x", "evt_y"):
        event_type(code)
    x, y = event_type("evt_x").pk, event_type("evt_y").pk
    data = {
        "code": "office-cycle",
        "name_zh": "循环",
        "name_en": "Cycle",
        "jurisdiction": "CN",
        "calendar": Calendar.objects.get(code="CN").pk,
        "total_limit_convention": "cn_civil",
        "active": "on",
        **management("stage_templates", 2),
    }
    for n, (code, trigger, done) in enumerate([("one", x, y), ("two", y, x)]):
        data.update(
            {
                f"stage_templates-{n}-order": str(n + 1),
                f"stage_templates-{n}-code": code,
                f"stage_templates-{n}-name_zh": code,
                f"stage_templates-{n}-name_en": code,
                f"stage_templates-{n}-trigger": trigger,
                f"stage_templates-{n}-period": "10d",
                f"stage_templates-{n}-convention": "cn_civil",
                f"stage_templates-{n}-direction": "after",
                f"stage_templates-{n}-limit_kind": "hard",
                f"stage_templates-{n}-completion_event": done,
            }
        )
    response = admin_client.post(reverse("admin:caseflow_mattertype_add"), data)
    assert response.status_code == 200
    assert any("cycle" in e for e in template_errors(response, 0)["completion_event"])
    assert not MatterType.objects.filter(code="office-cycle").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"stage_templates-0-period": "-3d"}, "period", "malformed period '-3d'"),
        ({"stage_templates-0-period": "ten days"}, "period", "malformed period 'ten days'"),
        ({"stage_templates-0-period": ""}, "period", "Choose a rule or give a period."),
        (
            {"stage_templates-0-convention": ""},
            "convention",
            "A period without a rule needs a counting convention.",
        ),
        ({"stage_templates-0-internal_lead": "10d"}, "internal_lead", "The internal target must fall inside"),
        ({"stage_templates-0-internal_lead": "1m"}, "internal_lead", "Give the internal lead in days"),
        (
            {"stage_templates-0-rule": "cn.civil.appeal_judgment"},
            "period",
            "Leave the period empty when a rule sets the limit.",
        ),
    ],
)
def test_a_template_that_cannot_give_a_sound_deadline_is_refused(
    chain, admin_client, changes, field, message
):
    if "stage_templates-0-rule" in changes:
        changes = {"stage_templates-0-rule": Rule.objects.get(code=changes["stage_templates-0-rule"]).pk}
    response = edit(admin_client, chain, **changes)
    assert response.status_code == 200
    assert any(message in error for error in template_errors(response, 0)[field])
    notice = StageTemplate.objects.get(matter_type=chain, code="notice")
    assert (notice.period, notice.convention, notice.internal_lead) == ("10d", "cn_civil", "")
