"""One story per matter type: how a matter of that type really unfolds, with the office's habits (most
steps on time, some late, routes not taken cancelled with a note) and the twists its plan asks for.

Each story runs the matter from its opening until it is closed or the simulation reaches today, where it
simply stops: whatever is open then is the office's present.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from caseflow.demo.script import Script
from caseflow.demo.simulation import Story

PAYMENT_PERIOD = dt.timedelta(days=15 + 10)  # appeal period, then the usual 10-day performance period


def civil_first_instance(s: Script) -> Story:
    plan = s.plan
    yield from s.open()
    yield from s.finish("complaint_drafting", late=0.25, note="起诉状已经合伙人审核，并通过网上立案提交。")
    yield from s.finish("filing_decision", within=(2, 9))
    s.spawn(s.finish("evidence_preparation", late=0.25))
    yield from s.record(
        "complaint_copy_received", on=s.today + s.days(6, 20), lag=(1, 3), mistake=_mistake(s)
    )
    s.spawn(s.finish("answer", late=0.05))
    if s.chance(0.2):
        s.spawn(s.finish("jurisdiction_objection", note="已提交管辖权异议申请书。"))
    else:
        s.spawn(s.cancel("jurisdiction_objection", "经与当事人研究，不提出管辖权异议。", after=(2, 8)))
    if "excluded_pause" in plan.twists:
        s.spawn(
            s.pause(
                "trial_limit",
                category="excluded",
                reason="法院委托司法鉴定（工程造价），鉴定期间不计入审限。",
                basis="民诉法解释第243条",
                after=(20, 50),
                length=s.rng.randint(25, 60),
            )
        )
    trial = (70, 175)
    if "court_extension" in plan.twists:
        trial = (200, 280)
        s.spawn(
            s.extension(
                "trial_limit",
                days=182,
                reason="法院通知：案情复杂，经院长批准延长审限六个月。",
                basis="民诉法第152条",
                approve=True,
                after=(150, 170),
                note="已核对法院延长审限通知书。",
            )
        )
    elif s.chance(0.1):
        trial = (185, 200)  # the court overran its limit
    if plan.judgment_on:
        yield from s.finish("trial_limit", on=plan.judgment_on)
        return  # a showcase: the appeal is left where today finds it
    yield from s.finish("trial_limit", within=trial)
    if "rejected_extension" in plan.twists:
        s.spawn(
            s.extension(
                "appeal",
                days=7,
                reason="当事人法定代表人出差在外，无法及时签署上诉状，申请顺延七日。",
                basis="民诉法第86条",
                approve=False,
                after=(2, 4),
                note="出差不属于不可抗拒的事由或其他正当理由，请安排电子签章并按期提交。",
            )
        )
    if s.chance(0.45):
        yield from s.finish("appeal", late=0.04, note="上诉状已递交一审法院。")
        yield from s.close("当事人已上诉，转入二审案件办理。", after=(3, 20))
        return
    yield from s.cancel("appeal", "当事人服从一审判决，决定不上诉。", after=(4, 10))
    yield from s.record(
        "performance_period_ended", on=s.event_day("judgment_served") + PAYMENT_PERIOD, lag=(1, 5)
    )
    if s.chance(0.55):
        yield from s.finish("enforcement_application", after=(10, 70))
        yield from s.close("已申请强制执行，转入执行案件办理。", after=(2, 10))


def civil_second_instance(s: Script) -> Story:
    yield from s.open()
    yield from s.record("appeal_copy_received", on=s.today + s.days(3, 15))
    s.spawn(s.finish("appeal_answer", late=0.05, note="答辩状已提交二审法院。"))
    yield from s.record("appeal_case_accepted", on=s.today + s.days(5, 25))
    s.spawn(s.finish("appeal_submissions", late=0.2))
    yield from s.finish("appeal_trial_limit", within=(40, 100) if s.chance(0.9) else (95, 110))
    s.spawn(s.finish("retrial_assessment", late=0.15, note="已向当事人出具再审可行性书面意见。"))
    if s.chance(0.25):
        yield from s.finish("retrial", after=(40, 150))
        yield from s.close("已提交再审申请，转入再审审查案件。", after=(3, 15))
        return
    yield from s.cancel("retrial", "当事人决定不申请再审。", after=(30, 60))
    yield from s.close("二审终审，案件办结。", after=(3, 20))


def enforcement(s: Script) -> Story:
    yield from s.open()
    s.spawn(s.finish("asset_investigation", late=0.2, note="已提交银行账户、不动产及车辆线索。"))
    yield from s.record("performance_period_ended", on=s.plan.opened_on - s.days(10, 300), lag=(0, 3))
    yield from s.finish("enforcement_application", after=(5, 40), note="强制执行申请已递交执行局。")
    if s.chance(0.4):
        yield from s.record("enforcement_objection_received", on=s.today + s.days(30, 120))
        yield from s.finish("objection_decision", within=(8, 18))
        if s.chance(0.5):
            s.spawn(s.cancel("third_party_objection_suit", "本案为执行行为异议，不适用案外人异议之诉。"))
            yield from s.finish("objection_review", late=0.05, note="复议申请已向上一级法院提交。")
        else:
            s.spawn(s.cancel("objection_review", "本案为案外人异议，不适用复议程序。"))
            yield from s.finish("third_party_objection_suit", late=0.05)
    if s.chance(0.45):
        yield from s.close("执行完毕，款项已划付当事人。", after=(60, 200))


def labour_arbitration(s: Script) -> Story:
    yield from s.open()
    yield from s.record("infringement_known", on=s.plan.opened_on - s.days(5, 150), lag=(0, 2))
    yield from s.finish("arbitration_limitation", after=(5, 25), note="仲裁申请书已提交仲裁委。")
    yield from s.finish("acceptance_decision", within=(2, 7))
    for_employer = s.chance(0.5)
    if for_employer:
        yield from s.record("arbitration_application_copy_received", on=s.today + s.days(2, 8))
        s.spawn(s.finish("respondent_answer", late=0.08, note="答辩书及证据已提交仲裁庭。"))
    yield from s.finish("award_deadline", within=(30, 44) if s.chance(0.8) else (46, 58))
    if for_employer:
        s.spawn(s.cancel("sue_after_award", "本方为用人单位，裁决为终局裁决。", after=(1, 3)))
        if s.chance(0.35):
            yield from s.finish("set_aside_application", late=0.05, note="撤销仲裁裁决申请已提交中级法院。")
        else:
            yield from s.cancel("set_aside_application", "当事人决定履行裁决，不申请撤销。", after=(5, 20))
    else:
        s.spawn(s.cancel("set_aside_application", "本方为劳动者，不适用。", after=(1, 3)))
        if s.chance(0.4):
            yield from s.finish("sue_after_award", late=0.05, note="起诉状已提交基层法院。")
        else:
            yield from s.cancel("sue_after_award", "当事人接受仲裁裁决。", after=(3, 12))
    yield from s.close("劳动争议处理完毕。", after=(10, 40))


def administrative_litigation(s: Script) -> Story:
    yield from s.open()
    yield from s.record("administrative_act_known", on=s.plan.opened_on - s.days(3, 40), lag=(0, 2))
    if s.chance(0.55):
        s.spawn(s.cancel("direct_suit", "当事人选择先申请行政复议。", after=(2, 6)))
        yield from s.finish("reconsideration_application", after=(5, 30), note="复议申请书已提交复议机关。")
        yield from s.finish("reconsideration_acceptance", within=(1, 8))
        yield from s.finish("reconsideration_decision", within=(35, 62) if s.chance(0.85) else (63, 80))
        if s.chance(0.45):
            yield from s.cancel(
                "suit_after_reconsideration", "复议决定撤销原行政行为，无需起诉。", after=(2, 6)
            )
            yield from s.close("复议结案，当事人诉求已实现。", after=(5, 20))
            return
        yield from s.finish("suit_after_reconsideration", late=0.05, note="行政起诉状已提交。")
    else:
        s.spawn(s.cancel("reconsideration_application", "当事人选择直接提起行政诉讼。", after=(2, 6)))
        yield from s.finish("direct_suit", after=(10, 60), note="行政起诉状已提交。")
    yield from s.finish("filing_decision", within=(2, 9))
    yield from s.record("complaint_copy_received", on=s.today + s.days(3, 10))
    s.spawn(s.finish("agency_answer", within=(6, 18)))
    yield from s.finish("trial_limit", within=(60, 170))
    if s.chance(0.4):
        yield from s.finish("appeal", late=0.04, note="上诉状已递交。")
    else:
        yield from s.cancel("appeal", "当事人服从一审判决，不上诉。", after=(5, 12))
    yield from s.close("一审程序终结，案件办结。", after=(5, 25))


def admin_licensing(s: Script) -> Story:
    yield from s.open()
    yield from s.finish("materials_preparation", late=0.25, note="申请材料已通过政务服务网提交。")
    yield from s.finish("incomplete_notice", within=(1, 8))
    if "excluded_pause" in s.plan.twists:
        s.spawn(
            s.pause(
                "licensing_decision",
                category="excluded",
                reason="行政机关组织专家评审，评审期间不计入许可期限。",
                basis="行政许可法第45条",
                after=(3, 8),
                length=s.rng.randint(8, 20),
            )
        )
    yield from s.finish("licensing_decision", within=(10, 30) if s.chance(0.85) else (31, 40))
    yield from s.finish("certificate", within=(3, 16), note="许可证件已领取并交付客户。")
    years = s.rng.choice((3, 5))
    issued = s.today
    expires = issued.replace(year=issued.year + years) - dt.timedelta(days=1)
    yield from s.record("licence_expires", on=expires, ahead=True)
    if s.chance(0.9):  # the others stay open to follow the renewal
        yield from s.close("证照已领取，延续事项届时另行立案。", after=(10, 40))


def bank_loan_recovery(s: Script) -> Story:
    plan = s.plan
    yield from s.open()
    yield from s.record("principal_debt_due", on=plan.opened_on - s.days(30, 150), lag=(0, 2))
    yield from s.finish("demand_letter", late=0.25, note="催收函已由公证处公证送达借款人及保证人。")
    if s.chance(0.6):
        s.spawn(
            s.pause(
                "limitation",
                category="interruption",
                reason="催收函已送达借款人，诉讼时效中断，自送达之日起重新计算。",
                basis="民法典第195条",
                after=(0, 0),
                length=0,
            )
        )
    s.spawn(s.finish("suretyship_period", after=(3, 20), late=0.1, note="已向保证人书面主张保证责任。"))
    yield from s.finish("filing", late=0.25, note="起诉状及财产保全申请已提交。")
    s.spawn(s.finish("limitation", after=(0, 0), note="已起诉，诉讼时效中断。"))
    yield from s.record("complaint_copy_received", on=s.today + s.days(15, 40))
    s.spawn(s.finish("answer", within=(12, 18)))
    yield from s.record("judgment_served", on=s.today + s.days(60, 180))
    if s.chance(0.8):
        yield from s.cancel("appeal", "一审判决支持银行全部诉讼请求，不上诉。", after=(3, 8))
    else:
        yield from s.finish("appeal", late=0.05, note="就利息计算部分提起上诉。")
        yield from s.close("已上诉，转入二审案件办理。", after=(3, 15))
        return
    yield from s.record(
        "performance_period_ended", on=s.event_day("judgment_served") + PAYMENT_PERIOD, lag=(1, 5)
    )
    if s.chance(0.6):
        yield from s.finish("enforcement_application", after=(10, 60), note="强制执行申请已提交。")
        yield from s.close("已申请强制执行，转入执行案件办理。", after=(2, 10))


def us_federal_civil(s: Script) -> Story:
    yield from s.open()
    yield from s.finish(
        "complaint_drafting", late=0.1, note="Complaint and civil cover sheet filed via CM/ECF."
    )
    yield from s.finish("service_of_summons", within=(10, 60), note="Affidavit of service filed.")
    s.spawn(s.finish("answer", late=0.05))
    yield from s.record("judgment_entered", on=s.today + s.days(120, 300))
    if s.chance(0.3):
        s.spawn(s.finish("new_trial_motion", late=0.0, note="Rule 59 motion filed."))
    else:
        s.spawn(s.cancel("new_trial_motion", "No grounds for a new trial.", after=(5, 15)))
    if s.chance(0.4):
        yield from s.finish("notice_of_appeal", note="Notice of appeal filed with the district clerk.")
    else:
        yield from s.cancel("notice_of_appeal", "Client decided not to appeal.", after=(10, 25))
    yield from s.close("Judgment final; matter closed.", after=(10, 40))


def _mistake(s: Script) -> int:
    """Days a date was first mis-recorded by (0: recorded right)."""
    return s.rng.randint(1, 3) if "correction" in s.plan.twists else 0


STORIES: dict[str, Callable[[Script], Story]] = {
    "cn-civil-first-instance": civil_first_instance,
    "cn-civil-second-instance": civil_second_instance,
    "cn-enforcement": enforcement,
    "cn-labour-arbitration": labour_arbitration,
    "cn-administrative-litigation": administrative_litigation,
    "cn-admin-licensing": admin_licensing,
    "cn-bank-loan-recovery": bank_loan_recovery,
    "us-federal-civil": us_federal_civil,
}
