"""Build small packs folders in ``tmp_path``: a valid one, and variants with lines changed.

``PACK`` is laid out one key per line so a test can name the line an error must point at. ``VOCABULARY``
is what the pure loader checks names against, so most tests need no database.
"""

from __future__ import annotations

from pathlib import Path

from caseflow.deadlines.periods import Period
from caseflow.packfiles import RuleInfo, Vocabulary

EVENTS = """\
schema: 1
events:
  - code: client_instructed
    name_zh: 客户委托
    name_en: Client instructed
    description: "The day the engagement letter was signed."
"""

# Line numbers, for the tests: 2 code, 6 calendar, 7 total_limit, 8 total_limit_convention, 9 total_policy;
# stage drafting from 12 (16 trigger, 17 period, 18 convention, 19 direction, 20 kind, 21 completion_event,
# 22 policy, 23 description); stage appeal from 24 (25 order, 28 trigger, 29 rule, 30 kind,
# 31 internal_lead, 32 completion_event, 33 policy).
PACK = """\
schema: 1
code: test-civil
name_zh: 测试民事
name_en: Test civil action
jurisdiction: CN
calendar: CN
total_limit: 12m
total_limit_convention: cn_civil
total_policy: matter-total
description: "A pack for tests."
stages:
  - code: drafting
    order: 10
    name_zh: 起草起诉状
    name_en: Draft the complaint
    trigger: client_instructed
    period: 10wd
    convention: cn_workdays
    direction: after
    kind: soft
    completion_event: complaint_received
    policy: internal
    description: "Internal."
  - code: appeal
    order: 20
    name_zh: 上诉期
    name_en: Appeal
    trigger: judgment_served
    rule: cn.civil.appeal_judgment
    kind: hard
    internal_lead: 3wd
    completion_event: appeal_filed
    policy: short-period
"""

PACK_FILE = "test_civil.yaml"
RULES_TRIGGERS = "caseflow/rules/triggers.yaml"

VOCABULARY = Vocabulary(
    rules={
        "cn.civil.appeal_judgment": RuleInfo("CN", "judgment_served", Period.parse("15d")),
        "cn.civil.trial_limit_ordinary": RuleInfo("CN", "case_accepted", Period.parse("6m")),
        "cn.civil.preservation_ruling": RuleInfo(
            "CN", "preservation_application_received", Period.parse("48h")
        ),
        "us.frcp.answer": RuleInfo("US", "summons_and_complaint_served", Period.parse("21d")),
    },
    triggers={
        **dict.fromkeys(
            (
                "judgment_served",
                "complaint_received",
                "case_accepted",
                "preservation_application_received",
                "summons_and_complaint_served",
            ),
            RULES_TRIGGERS,
        ),
        "appeal_filed": "caseflow/packs/events.yaml",
        "matter_opened": "caseflow/packs/events.yaml",
    },
    policies=frozenset({"default", "short-period", "long-period", "court-side", "internal", "matter-total"}),
    calendars=frozenset({"CN", "US"}),
)


def packs_folder(tmp_path: Path, *, pack: str = PACK, events: str = EVENTS, name: str = PACK_FILE) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "events.yaml").write_text(events, encoding="utf-8")
    (folder / name).write_text(pack, encoding="utf-8")
    return folder


def replace_lines(text: str, changes: dict[int, str | None]) -> str:
    """``text`` with the given 1-based lines replaced (``None`` deletes the line)."""
    lines = text.splitlines()
    for number, new in sorted(changes.items(), reverse=True):
        if new is None:
            del lines[number - 1]
        else:
            lines[number - 1] = new
    return "\n".join(lines) + "\n"


def where(folder: Path, name: str = PACK_FILE) -> str:
    """The display path errors use for a file of ``folder`` (absolute outside the project)."""
    return (folder / name).resolve().as_posix()
