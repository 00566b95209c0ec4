"""The people, clients, opponents and disputes the demo office draws from. All fictitious."""

from __future__ import annotations

# (full name, username) of the lawyers, supervisors and department head drawn at random.
PEOPLE = (
    ("王建国", "wangjianguo"),
    ("张伟", "zhangwei"),
    ("刘洋", "liuyang"),
    ("陈晓燕", "chenxiaoyan"),
    ("杨帆", "yangfan"),
    ("赵磊", "zhaolei"),
    ("黄丽", "huangli"),
    ("周敏", "zhoumin"),
    ("吴昊", "wuhao"),
    ("徐婷", "xuting"),
    ("孙志强", "sunzhiqiang"),
    ("胡雪", "huxue"),
    ("朱明", "zhuming"),
    ("高飞", "gaofei"),
    ("林晓", "linxiao"),
    ("何静怡", "hejingyi"),
    ("郭磊", "guolei"),
    ("马丽娟", "malijuan"),
    ("罗斌", "luobin"),
    ("梁晨", "liangchen"),
    ("宋佳", "songjia"),
    ("郑凯", "zhengkai"),
)

# The three demo accounts people log in with.
ADMIN_NAME = "孙丽华"
SUPERVISOR_NAME = "陈志远"
LAWYER_NAME = "李文静"

PARTY_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林"
PARTY_GIVEN = ("建华", "秀英", "志明", "海燕", "春梅", "国强", "丽萍", "俊杰", "桂兰", "永刚", "晓东", "淑珍")

CITIES = ("北京", "上海", "深圳", "杭州", "天津", "苏州")
BRANDS = (
    "华信",
    "恒达",
    "远航",
    "金桥",
    "中联",
    "博雅",
    "瑞丰",
    "鼎盛",
    "新源",
    "海川",
    "泰和",
    "宏图",
    "启明",
)
TRADES = (
    "科技",
    "物流",
    "建设工程",
    "商贸",
    "医药",
    "餐饮管理",
    "房地产开发",
    "电子",
    "文化传媒",
    "供应链管理",
)

BANKS = (
    "京华银行股份有限公司朝阳支行",
    "浦江商业银行股份有限公司陆家嘴支行",
    "华北农村商业银行股份有限公司海淀支行",
)

CIVIL_DISPUTES = (
    "买卖合同纠纷",
    "建设工程施工合同纠纷",
    "房屋租赁合同纠纷",
    "民间借贷纠纷",
    "服务合同纠纷",
    "股权转让纠纷",
    "委托合同纠纷",
    "承揽合同纠纷",
)
LABOUR_CLAIMS = ("违法解除劳动合同赔偿金", "拖欠工资及加班费", "未签书面劳动合同二倍工资", "经济补偿金")
AGENCIES = (
    "北京市朝阳区市场监督管理局",
    "北京市生态环境局",
    "上海市浦东新区城市管理综合执法局",
    "北京市朝阳区人力资源和社会保障局",
)
AGENCY_ACTS = ("行政处罚决定", "责令停产停业决定", "不予登记决定", "工伤认定决定")
LICENCES = ("食品经营许可", "建筑工程施工许可", "排污许可", "人力资源服务许可", "道路运输经营许可")

US_CLIENTS = (
    "Atlas Components Inc.",
    "Greenfield Capital LLC",
    "Northbridge Shipping Co.",
    "Harbor Logistics LLC",
)
US_OPPONENTS = (
    "Pacific Rim Trading Ltd.",
    "Hudson Valley Foods Inc.",
    "Empire Steel Corp.",
    "Liberty Textiles LLC",
)
US_CLAIMS = ("breach of contract", "breach of warranty", "unpaid invoices", "trade secret misappropriation")
