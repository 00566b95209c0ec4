"""Chinese (zh-hans) texts of the explanation steps: one renderer per step code (see :mod:`.explain`)."""

from __future__ import annotations

from caseflow.deadlines.periods import Convention, Period, Unit
from caseflow.deadlines.wording import Params, Renderer, backward, is_us, span, weekday, when

_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_UNITS_ZH = {
    Unit.DAYS: "日",
    Unit.WORKING_DAYS: "个工作日",
    Unit.MONTHS: "个月",
    Unit.YEARS: "年",
    Unit.HOURS: "小时",
}
_CONVENTIONS_ZH = {
    Convention.CN_CIVIL: "民事诉讼及民法典期间规则（民诉法第八十五条；民法典第二百条至第二百零四条）",
    Convention.CN_CRIMINAL: "刑事诉讼期间规则（刑诉法第一百零五条；刑诉法解释第二百零二条）",
    Convention.CN_WORKDAYS: "工作日期间规则（行政许可法第八十二条；行政复议法第八十八条）",
    Convention.US_FRCP: "美国联邦民事诉讼规则第6(a)条",
    Convention.US_FRCP_MAIL: "美国联邦民事诉讼规则第6(a)条及第6(d)条（邮寄送达另加3日）",
}
# Where the month-end rule comes from, per convention (US practice has no written month rule).
_MONTH_BASIS_ZH = {"cn_civil": "民法典第二百零二条", "cn_criminal": "刑诉法解释第二百零二条"}
# Where "counting starts at the next hour" comes from.
_HOUR_BASIS_ZH = {"cn_civil": "民诉法第八十五条", "cn_criminal": "刑诉法第一百零五条"}


def _period_zh(text: str) -> str:
    period = Period.parse(text)
    return f"{period.amount}{_UNITS_ZH[period.unit]}"


def _kind_zh(p: Params) -> str:
    kind, name = p["kind"], p["name_zh"] or p["name_en"]
    if kind == "rest":
        return f"休息日（{weekday(p, _WEEKDAYS_ZH)}）"
    if kind == "working":
        return "工作日"
    if kind == "makeup_working":
        return f"{name}调休上班日" if name else "调休上班日"
    if kind == "holiday":
        base = "法定假日" if is_us(p) else "法定节假日"
    elif p["forward_only"] == "1":
        base = "州法定假日"
    else:
        base = "法院停止办公日"
    return f"{base}（{name}）" if name else base


def _side_zh(p: Params) -> str:
    return "前" if backward(p) else "后"


def _rule_zh(p: Params) -> str:
    citation = p["citation_zh"] or p["citation_en"]
    head = f"{p['name_zh'] or p['name_en']}：起算日{_side_zh(p)}{_period_zh(p['period'])}"
    return f"{head} — {citation}" if citation else head


def _period_step_zh(p: Params) -> str:
    label = _CONVENTIONS_ZH[Convention(p["convention"])]
    return f"期间：起算日{_side_zh(p)}{_period_zh(p['period'])}，按{label}计算"


def _start_zh(p: Params) -> str:
    if backward(p):
        return f"起算日 {p['trigger']} 不计入，自 {p['start']} 起向前倒数"
    return f"起算日 {p['trigger']} 不计入，自 {p['start']} 起算"


def _day_n_zh(p: Params) -> str:
    if backward(p):
        return f"向前第{p['n']}日为 {p['day']}"
    return f"第{p['n']}日为 {p['day']}"


def _months_zh(p: Params) -> str:
    length, trigger, end, side = _period_zh(p["period"]), p["trigger"], p["end"], _side_zh(p)
    basis = _MONTH_BASIS_ZH.get(p["convention"], "")
    if p["how"] == "last_day":
        return f"起算日 {trigger} 为当月最后一日，{length}期间至届满月最后一日 {end}（{basis}）"
    if p["how"] == "clipped":
        cite = f"（{basis}）" if basis else ""
        return (
            f"{trigger} {side}{length}：{int(end[:4])}年{int(end[5:7])}月没有{int(trigger[8:])}日，"
            f"期间至该月最后一日 {end}{cite}"
        )
    cite = f"；{basis}" if basis else ""
    return f"{trigger} {side}{length}为 {end}（对应日{cite}）"


def _end_working_zh(p: Params) -> str:
    return f"{p['day']} 为工作日，不顺延"


def _end_makeup_zh(p: Params) -> str:
    return f"{p['day']} 为{_kind_zh(p)}，属于工作日，期限不顺延"


def _forward_only_zh(p: Params) -> str:
    return f"{p['day']} 为{_kind_zh(p)}，此类假日仅适用于向后计算的期间（FRCP 6(a)(6)(C)），不调整"


def _roll_zh(p: Params) -> str:
    if is_us(p):
        if backward(p):
            return f"{p['day']} 为{_kind_zh(p)}，向前倒数的期间提前至前一个工作日 {p['to']}（FRCP 6(a)(5)）"
        return f"{p['day']} 为{_kind_zh(p)}，顺延至下一个工作日 {p['to']}（FRCP 6(a)(1)(C)）"
    if backward(p):
        return (
            f"{p['day']} 为{_kind_zh(p)}，向前倒数的期间提前至前一个工作日 {p['to']}"
            "（从严理解，法律未作规定）"
        )
    return f"{p['day']} 为{_kind_zh(p)}，顺延至下一个工作日 {p['to']}"


def _roll_hours_zh(p: Params) -> str:
    if backward(p):
        return (
            f"{p['day']} 为{_kind_zh(p)}，向前倒数的期间提前至前一个工作日的同一时刻 {when(p['to'])}"
            "（FRCP 6(a)(2)(C)、6(a)(5)）"
        )
    return f"{p['day']} 为{_kind_zh(p)}，期间延至下一个工作日的同一时刻 {when(p['to'])}（FRCP 6(a)(2)(C)）"


def _custody_zh(p: Params) -> str:
    if p["kind"] in ("working", "makeup_working"):
        return f"羁押期限：届满日 {p['day']} 不因节假日顺延（刑诉法第一百零五条）"
    return f"{p['day']} 为{_kind_zh(p)}，但羁押期限不因节假日顺延（刑诉法第一百零五条）"


def _mail_zh(p: Params) -> str:
    return f"邮寄送达：在第6(a)条期间届满后另加3日：{p['from']} + 3日 = {p['to']}（FRCP 6(d)）"


def _hours_start_zh(p: Params) -> str:
    trigger, start = when(p["trigger"]), when(p["start"])
    if is_us(p):
        side = "向前" if backward(p) else ""
        return f"自 {start} 起立即{side}计算，每小时均计入（FRCP 6(a)(2)）"
    return (
        f"触发时间 {trigger} 所在的小时不计入，自下一个整点 {start} 起算（{_HOUR_BASIS_ZH[p['convention']]}）"
    )


def _hour_n_zh(p: Params) -> str:
    if backward(p):
        return f"向前第{p['n']}小时为 {when(p['at'])}"
    return f"第{p['n']}小时为 {when(p['at'])}"


def _hours_no_roll_zh(p: Params) -> str:
    rule = "以小时计算的期间不因休息日或节假日顺延（系解释意见，请律师确认）"
    if p["kind"] in ("working", "makeup_working"):
        return rule
    return f"{p['day']} 为{_kind_zh(p)}，但{rule}"


def _wd_start_zh(p: Params) -> str:
    side = "起向前倒数工作日" if backward(p) else "起计算工作日"
    return (
        f"起算日 {p['trigger']} 不计入，自 {p['start']} {side}（行政许可法第八十二条；行政复议法第八十八条）"
    )


def _wd_makeup_zh(p: Params) -> str:
    return f"{p['day']} 为{_kind_zh(p)}，计为第{p['n']}个工作日"


def _wd_skipped_zh(p: Params) -> str:
    return f"{span(p, zh=True)} 为{_kind_zh(p)}，不计入"


def _wd_n_zh(p: Params) -> str:
    if backward(p):
        return f"向前第{p['n']}个工作日为 {p['day']}"
    return f"第{p['n']}个工作日为 {p['day']}"


_PAUSE_ZH = {"suspension": "期间中止", "excluded": "扣除期间"}


def _pause_zh(p: Params) -> str:
    unit = "个工作日" if p["unit"] == "wd" else "日"
    return (
        f"{_PAUSE_ZH[p['kind']]} {span(p, zh=True)}（{p['length']}{unit}）："
        f"期间届满日由 {p['old_end']} 顺延至 {p['new_end']}"
    )


def _interruption_zh(p: Params) -> str:
    counted = "起计算工作日" if p["unit"] == "wd" else "起算"
    return (
        f"期间中断 {span(p, zh=True)}：期间重新计算；中断结束之日 {p['last']} 不计入，"
        f"自 {p['start']} {counted}"
    )


def _provisional_zh(p: Params) -> str:
    days = span(p, zh=True)
    if p["tail"] == "1":
        return (
            f"{days} 尚无官方节假日安排：{int(p['year']) + 1}年的通知仍可能调整年末日期，"
            "暂按周末休息计算；官方安排公布后请复核"
        )
    return f"{p['year']}年尚无官方节假日安排（涉及 {days}）：暂按周末休息计算；官方安排公布后请复核"


def _due_zh(p: Params) -> str:
    head = "截止时间" if "T" in p["due"] else "截止日期"
    tail = "（暂定）" if p["provisional"] == "1" else ""
    return f"{head}：{when(p['due'])}{tail}"


TEXTS: dict[str, Renderer] = {
    "rule": _rule_zh,
    "period": _period_step_zh,
    "start_not_counted": _start_zh,
    "day_n": _day_n_zh,
    "months": _months_zh,
    "end_working": _end_working_zh,
    "end_makeup": _end_makeup_zh,
    "forward_only_ignored": _forward_only_zh,
    "roll": _roll_zh,
    "roll_hours": _roll_hours_zh,
    "custody": _custody_zh,
    "mail_plus_three": _mail_zh,
    "hours_start": _hours_start_zh,
    "hour_n": _hour_n_zh,
    "hours_no_roll": _hours_no_roll_zh,
    "wd_start": _wd_start_zh,
    "wd_makeup": _wd_makeup_zh,
    "wd_skipped": _wd_skipped_zh,
    "wd_n": _wd_n_zh,
    "pause": _pause_zh,
    "interruption": _interruption_zh,
    "provisional": _provisional_zh,
    "due": _due_zh,
}
