"""Rule references the tests cite, as the Django side would build them from ``RuleVersion`` rows."""

from __future__ import annotations

from caseflow.deadlines import RuleRef

APPEAL_JUDGMENT = RuleRef(
    "cn.civil.appeal_judgment",
    "对第一审判决提起上诉",
    "Appeal against first-instance judgment",
    "中华人民共和国民事诉讼法（2023年修正）第一百七十一条第一款",
    "Civil Procedure Law of the PRC (2023), art. 171(1)",
)
APPEAL_RULING = RuleRef(
    "cn.civil.appeal_ruling",
    "对第一审裁定提起上诉",
    "Appeal against first-instance ruling",
    "中华人民共和国民事诉讼法（2023年修正）第一百七十一条第二款",
    "Civil Procedure Law of the PRC (2023), art. 171(2)",
)
LICENSING_DECISION = RuleRef(
    "cn.admin.licensing_decision",
    "行政许可决定期限",
    "Licensing decision",
    "中华人民共和国行政许可法第四十二条",
    "Administrative Licensing Law of the PRC, art. 42",
)
RETRIAL = RuleRef(
    "cn.civil.retrial",
    "申请再审",
    "Application for retrial",
    "中华人民共和国民事诉讼法（2023年修正）第二百一十六条",
    "Civil Procedure Law of the PRC (2023), art. 216",
    fixed_period=True,
)
