"""Every check of the pack loader names the file and the line at fault, collects every problem, and
accepts the valid folder (``folders.PACK``). Pure: the vocabulary is given, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseflow.deadlines.periods import Convention, Period
from caseflow.packfiles import PackFileError, load_pack_files
from tests.packs.folders import EVENTS, PACK, RULES_TRIGGERS, VOCABULARY, packs_folder, replace_lines, where

PERIOD_HINT = "period must be like 15d, 20wd, 6m, 2y or 24h"
EVENTS_WHERE = "defined in triggers.yaml or {events}"
MISMATCH = (
    "trigger must be 'judgment_served', the trigger of rule cn.civil.appeal_judgment, or trigger_note must "
    "say why the stage counts from another event (found '{found}')"
)

CASES = [
    # (lines to change, [(line of the error, message)])
    (
        {29: "    rule: cn.civil.apeal_judgment"},
        [
            (
                29,
                "rule 'cn.civil.apeal_judgment' is not a loaded rule "
                "(did you mean 'cn.civil.appeal_judgment'?)",
            )
        ],
    ),
    ({29: "    rule: cn.zzz"}, [(29, "rule 'cn.zzz' is not a loaded rule (found 'cn.zzz')")]),
    (
        {28: "    trigger: judgement_served"},
        [(28, f"trigger 'judgement_served' is not {EVENTS_WHERE} (did you mean 'judgment_served'?)")],
    ),
    (
        {32: "    completion_event: apeal_filed"},
        [(32, f"completion_event 'apeal_filed' is not {EVENTS_WHERE} (did you mean 'appeal_filed'?)")],
    ),
    ({28: "    trigger: case_accepted"}, [(28, MISMATCH.format(found="case_accepted"))]),
    (
        {33: "    policy: short_period"},
        [(33, "policy 'short_period' is not a loaded warning policy (did you mean 'short-period'?)")],
    ),
    ({6: "calendar: CNN"}, [(6, "calendar 'CNN' is not a loaded calendar (did you mean 'CN'?)")]),
    ({5: "jurisdiction: HK"}, [(5, "jurisdiction must be one of CN, US (found 'HK')")]),
    (
        {2: "code: Test_Civil"},
        [(2, "code must be lower-case like cn-civil-first-instance (found 'Test_Civil')")],
    ),
    ({17: "    period: 10 days"}, [(17, f"{PERIOD_HINT} (found '10 days')")]),
    ({17: "    period: 0wd"}, [(17, "period must be 1 to 2600 working days (found '0wd')")]),
    ({17: "    period: 10d"}, [(17, "convention cn_workdays counts working days: use wd (found '10d')")]),
    (
        {18: "    convention: us_frcp"},
        [
            (17, "periods in working days need convention cn_workdays (found us_frcp)"),
            (18, "convention must be for CN packs (found us_frcp)"),
        ],
    ),
    (
        {18: "    convention: cn_workday"},
        [
            (
                18,
                "convention must be one of "
                + ", ".join(c.value for c in Convention)
                + " (found 'cn_workday')",
            )
        ],
    ),
    ({18: None}, [(17, "a period needs a convention, e.g. cn_civil (found none)")]),
    ({19: "    direction: backwards"}, [(19, "direction must be one of after, before (found 'backwards')")]),
    (
        {31: "    internal_lead: 15d"},
        [(31, "internal_lead must be shorter than the period 15d (found '15d')")],
    ),
    (
        {31: "    internal_lead: 1m"},
        [(31, "internal_lead must be in days (d) or working days (wd) (found '1m')")],
    ),
    (
        {31: "    internal_lead: soon"},
        [(31, "internal_lead must be like 15d, 20wd, 6m, 2y or 24h (found 'soon')")],
    ),
    (
        {28: "    trigger: preservation_application_received", 29: "    rule: cn.civil.preservation_ruling"},
        [(31, "a period in hours has no internal target (found internal_lead '3wd')")],
    ),
    (
        {29: "    rule: us.frcp.answer"},
        [
            (
                28,
                "trigger must be 'summons_and_complaint_served', the trigger of rule us.frcp.answer, "
                "or trigger_note must say why the stage counts from another event (found 'judgment_served')",
            ),
            (29, "rule us.frcp.answer is a US rule, not for a CN pack (found it here)"),
        ],
    ),
    (
        {30: "    kind: soft"},
        [
            (
                30,
                "a soft (internal) stage sets its own period, not a rule "
                "(found rule 'cn.civil.appeal_judgment')",
            )
        ],
    ),
    (
        {20: "    kind: hard"},
        [(20, "a hard (statutory) stage cites its rule: give rule, or make it kind: soft (found hard)")],
    ),
    ({20: "    kind: statutory"}, [(20, "kind must be one of hard, soft (found 'statutory')")]),
    (
        {29: "    rule: cn.civil.appeal_judgment\n    period: 15d"},
        [(30, "give either rule or period, not both (found rule and period '15d')")],
    ),
    (
        {29: "    rule: cn.civil.appeal_judgment\n    convention: cn_civil"},
        [(30, "convention goes with period: the rule sets its own (found cn_civil)")],
    ),
    ({29: None}, [(24, "a stage needs a rule or a period with a convention (found neither)")]),
    ({24: "  - code: drafting"}, [(24, "stage code drafting is defined twice (first at line 12)")]),
    ({25: "    order: 10"}, [(24, "order 10 is used twice (first at line 12)")]),
    ({25: "    order: first"}, [(25, "order must be a whole number from 1 to 9999 (found 'first')")]),
    ({25: "    order: 10000"}, [(25, "order must be a whole number from 1 to 9999 (found 10000)")]),
    (
        {32: "    completion_event: judgment_served"},
        [
            (
                24,
                "completion events make the stages trigger each other in a cycle: appeal (found "
                "appeal counting from judgment_served and recording judgment_served)",
            )
        ],
    ),
    (
        {21: "    completion_event: judgment_served", 32: "    completion_event: client_instructed"},
        [
            (
                12,
                "completion events make the stages trigger each other in a cycle: drafting → appeal "
                "(found drafting counting from client_instructed and recording judgment_served)",
            )
        ],
    ),
    ({23: '    descripton: "Internal."'}, [(23, "unknown key 'descripton' (did you mean 'description'?)")]),
    ({30: None}, [(24, "missing key kind")]),
    ({7: "# no total limit"}, [(9, "total_policy needs a total_limit (found 'matter-total' without one)")]),
    (
        {7: "total_limit: 48h"},
        [(7, "total_limit must be in days, working days, months or years (found '48h')")],
    ),
    (
        {8: "total_limit_convention: cn_workdays"},
        [(7, "convention cn_workdays counts working days: use wd (found '12m')")],
    ),
    (
        {9: "total_policy: total"},
        [(9, "total_policy 'total' is not a loaded warning policy (found 'total')")],
    ),
    ({1: "schema: 2"}, [(1, "schema must be 1 (found 2)")]),
    ({14: "    name_zh: 123"}, [(14, "name_zh must be text; put it in quotes (found 123)")]),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_it_names_the_line_of_each_problem(tmp_path: Path, changes: dict, expected: list[tuple[int, str]]):
    folder = packs_folder(tmp_path, pack=replace_lines(PACK, changes))
    events = where(folder, "events.yaml")

    with pytest.raises(PackFileError) as raised:
        load_pack_files(folder, VOCABULARY)

    assert raised.value.errors == [
        f"{where(folder)}:{line}: {m.format(events=events)}" for line, m in expected
    ]


def test_it_accepts_the_valid_folder(tmp_path: Path):
    folder = packs_folder(tmp_path)

    book = load_pack_files(folder, VOCABULARY)

    (pack,) = book.packs
    assert (pack.code, pack.file, pack.line, pack.total_limit) == (
        "test-civil",
        where(folder),
        2,
        Period.parse("12m"),
    )
    assert [(s.code, s.order, s.line) for s in pack.stages] == [("drafting", 10, 12), ("appeal", 20, 24)]
    appeal = pack.stage("appeal")
    assert (appeal.rule, appeal.period, appeal.internal_lead, appeal.policy) == (
        "cn.civil.appeal_judgment",
        None,
        Period.parse("3wd"),
        "short-period",
    )
    assert [e.code for e in book.events] == ["client_instructed"]


def test_it_accepts_another_trigger_when_a_note_says_why(tmp_path: Path):
    pack = replace_lines(
        PACK, {28: '    trigger: case_accepted\n    trigger_note: "Counts from acceptance here."'}
    )

    book = load_pack_files(packs_folder(tmp_path, pack=pack), VOCABULARY)

    appeal = book.packs[0].stage("appeal")
    assert appeal.trigger == "case_accepted"
    assert appeal.description == "Counts from acceptance here."


def test_it_collects_the_problems_of_every_file_in_order(tmp_path: Path):
    folder = packs_folder(tmp_path, pack=replace_lines(PACK, {6: "calendar: XX", 33: "    policy: nope"}))
    (folder / "other.yaml").write_text(replace_lines(PACK, {5: "jurisdiction: XX"}), encoding="utf-8")
    (folder / "stray.yml").write_text("schema: 1\n", encoding="utf-8")

    with pytest.raises(PackFileError) as raised:
        load_pack_files(folder, VOCABULARY)

    assert raised.value.errors == [
        f"{where(folder, 'other.yaml')}:5: jurisdiction must be one of CN, US (found 'XX')",
        f"{where(folder, 'stray.yml')}:1: pack files must end in .yaml (found stray.yml)",
        f"{where(folder)}:6: calendar 'XX' is not a loaded calendar (found 'XX')",
        f"{where(folder)}:33: policy 'nope' is not a loaded warning policy (found 'nope')",
    ]


def test_it_refuses_two_packs_with_one_code(tmp_path: Path):
    folder = packs_folder(tmp_path)
    (folder / "zz_copy.yaml").write_text(PACK, encoding="utf-8")

    with pytest.raises(PackFileError) as raised:
        load_pack_files(folder, VOCABULARY)

    assert raised.value.errors == [
        f"{where(folder, 'zz_copy.yaml')}:2: matter type test-civil is also defined in {where(folder)}:2"
    ]


EVENT_CASES = [
    (
        EVENTS + "  - code: judgment_served\n    name_zh: 判决书送达\n    name_en: Judgment served\n",
        [
            (
                7,
                f"event judgment_served is already defined by {RULES_TRIGGERS}: "
                "packs use it as it is (found it here)",
            )
        ],
    ),
    (
        EVENTS + "  - code: client_instructed\n    name_zh: 委托\n    name_en: Instructed\n",
        [(7, "event client_instructed is defined twice (first at line 3)")],
    ),
    (
        EVENTS.replace("code: client_instructed", "code: Client"),
        [(3, "code must be lower-case like demand_letter_sent (found 'Client')")],
    ),
    ("schema: 1\nevents: []\n", [(2, "events must be a non-empty list (found an empty list)")]),
]


@pytest.mark.parametrize(("events", "expected"), EVENT_CASES)
def test_it_checks_the_events_file(tmp_path: Path, events: str, expected: list[tuple[int, str]]):
    pack = PACK.replace("client_instructed", "matter_opened")
    folder = packs_folder(tmp_path, pack=pack, events=events)

    with pytest.raises(PackFileError) as raised:
        load_pack_files(folder, VOCABULARY)

    assert raised.value.errors == [
        f"{where(folder, 'events.yaml')}:{line}: {message}" for line, message in expected
    ]


def test_it_needs_the_events_file_and_a_pack(tmp_path: Path):
    folder = tmp_path / "packs"
    folder.mkdir()

    with pytest.raises(PackFileError) as raised:
        load_pack_files(folder, VOCABULARY)

    assert raised.value.errors == [
        f"{folder.resolve().as_posix()}: no packs (found no *.yaml besides events.yaml)",
        f"{where(folder, 'events.yaml')}: file not found (a packs folder needs it)",
    ]


def test_it_refuses_a_missing_folder(tmp_path: Path):
    with pytest.raises(PackFileError) as raised:
        load_pack_files(tmp_path / "nowhere", VOCABULARY)

    assert raised.value.errors == [
        f"{(tmp_path / 'nowhere').as_posix()}: not a directory (found no packs folder there)"
    ]
