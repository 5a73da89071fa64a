"""Word tables for `targets.py`: units, operators, verbs and fillers.

Kept apart from the code, as in cn2an's `conf.py` and price-parser's `_currencies.py`:
adding a unit or a verb seen in a new city's notice is a one-line change here.
"""

from __future__ import annotations

# --- Units -----------------------------------------------------------------------------

# Units that count things or people: `新改扩建幼儿园6所`, `培训家政从业人员100人次`.
COUNT_UNITS = (
    "人/次", "人次", "场次", "户次", "人份", "课时", "学时", "平方米", "平米", "公里", "千米", "公顷",
    "个", "所", "人", "名", "位", "场", "户", "处", "家", "间", "条", "期", "次", "张", "套",
    "项", "批", "支", "座", "台", "辆", "块", "册", "本", "件", "份", "对", "节", "班", "堂",
    "门", "轮", "组", "篇", "部", "首", "幅", "例", "床", "亩", "米", "吨", "㎡", "栋", "幢",
    "盏", "株", "棵",
)
# Money: the multiplier (万, 亿) is read as part of the number, so only 元 is left.
MONEY_UNITS = ("元",)
# Percentages and percentage points.
PERCENT_UNITS = ("%", "个百分点")
# Per-population ratios written as a unit: `婴儿死亡率控制在5‰以下`.
RATE_UNITS = ("‰",)
# Words after a number that make it an age, a date, a duration, a rank or a grade: never a target.
NON_TARGET_UNITS = (
    "周岁", "岁", "年度", "学年", "年", "个月", "月", "日", "号", "个工作日", "工作日", "天",
    "个小时", "小时", "时", "分钟", "秒", "个星期", "星期", "周", "个季度", "季度", "世纪",
    "届", "代", "点", "级", "星", "类", "版", "楼", "层",
)
# Spellings of one unit that should read the same everywhere.
UNIT_ALIASES = {"人/次": "人次", "平米": "平方米", "㎡": "平方米"}
# A unit word that is the start of a longer noun, not a unit: `3万人口`, `服务1000家庭`.
UNIT_NOT_BEFORE = {"人": "口员", "家": "庭", "所": "属", "台": "阶"}

# What after a count unit makes a rate: `4.5个/千人`.
PER_POPULATION_WORDS = ("千人口", "万人口", "千人", "万人", "百人")
# What may follow `/` or `·` after a unit: a per-person or per-period standard after 元
# (`1848元/月/人`, `元/人·年`), a population after a count (`4.5个/千人`).
PER_WORDS = PER_POPULATION_WORDS + (
    "人次", "学期", "平方米", "人", "月", "年", "天", "日", "次", "户", "生", "床", "例", "名", "周",
)
# Words before a Chinese numeral that make it vague: 几十所, 数十人 (上百, 上千 start with a
# place value and are dropped anyway).
VAGUE_BEFORE = ("几", "数", "若干")

# --- Operators -------------------------------------------------------------------------

# Words just before the number. `达到` reads as "at least": a notice that says 达到85%
# counts 90% as done.
OPS_BEFORE = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "超过": ">=", "多于": ">=",
    "高于": ">=", "大于": ">=", "达到": ">=", "达": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "低于": "<=", "少于": "<=",
    "小于": "<=", "控制在": "<=",
    "大约": "~", "约为": "~", "约": "~", "将近": "~", "接近": "~", "近": "~",
}
# Characters before an operator word that make it part of another word: 附近, 节约, 传达.
OP_NOT_AFTER = {
    "近": ("附", "最", "临", "就", "邻", "亲", "贴"),
    "约": ("节", "契", "签", "预", "公", "制", "条", "履", "违", "相", "简"),
    "达": ("送", "传", "抵", "到", "直", "表", "下", "发", "通", "转", "上", "雷"),
}
# Operator words that are never followed by anything but a figure: `不少于场活动` lost one.
# They also end a noun read after a number (`…村（社区）妇联｜至少有…`).
STRICT_OPS = ("不少于", "不低于", "不超过", "不高于", "不多于", "不小于", "不大于", "至少")
# Words right after the unit (`85%以上`, `45人以内`, `20个左右`).
OPS_AFTER = {
    "及以上": ">=", "以上": ">=",
    "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
    "左右": "~",
}
# Between number and unit: `43000余名`, `100多人` mean "more than".
OPS_INFIX = {"余": ">=", "多": ">="}

# --- Words around the number -----------------------------------------------------------

# Verbs that open a commitment; the indicator starts with one of them when the notice does.
# Longest first is not needed here: `verb_prefix()` tries every length.
VERBS = (
    "新改扩建", "改扩建", "新建", "改建", "扩建", "续建", "新增", "新开", "新开通", "增设", "增加",
    "扩大", "拓展", "维修改造", "改造提升", "提升改造", "改造", "维修", "建设", "建成", "建立",
    "建造", "打造", "创建", "培育", "设立", "设置", "开设", "开通", "开办", "开展", "组织开展",
    "举办", "举行", "组织", "培训", "轮训", "招聘", "选树", "评选", "寻找", "推报", "推荐", "命名",
    "认定", "筛查", "免费筛查", "检查", "免费检查", "体检", "免费体检", "救助", "资助", "帮扶",
    "慰问", "走访", "发放", "补贴", "给予", "提供", "配备", "配置", "组建", "招募", "覆盖", "投资",
    "投入", "安排", "落实", "推进", "探索推进", "备案", "购置", "采购", "捐赠", "赠送", "惠及",
    "受益", "吸引", "带动", "帮助", "指导", "宣讲", "普及", "挂牌", "签约", "结对", "安置", "转移",
    "服务", "完成", "培养", "孵化", "扶持", "支持", "新培育", "新认定", "评定", "表彰", "发展",
    "举荐", "开发", "推送", "开工", "新开工", "建立健全", "打通", "联系", "走进",
)
# Verbs that are as often nouns (志愿服务活动, 示范点建设): they do not stop a verb carried
# into an enumeration.
NOUN_LIKE_VERBS = ("服务", "建设", "发展", "指导", "宣讲", "救助", "帮扶")
# Verbs that end a noun phrase read after the number: `推报5处儿童友好实践基地｜纳入…`.
TAIL_STOPS = (
    "纳入", "提供", "开展", "进行", "发放", "给予", "享受", "参加", "参与", "接受", "惠及",
    "用于", "实现", "确保", "满足", "覆盖", "带动", "受益",
)
# Verbs that end the beneficiaries in `为94名…儿童｜提供机构康复训练`.
BENEFICIARY_STOPS = TAIL_STOPS + (
    "实施", "建设", "配备", "配套", "免费", "办理", "安装", "购买", "赠送", "筛查", "检查", "体检",
    "落实", "建立", "组织", "培训", "开设", "举办", "解决", "送去", "送上", "送", "发",
)
# Head nouns of a group of people: the beneficiaries end with the last of them.
PERSON_NOUNS = (
    "未成年人", "残疾人", "老年人", "农民工", "孕产妇", "新生儿", "婴幼儿", "青少年", "女职工",
    "儿童", "妇女", "女性", "职工", "学生", "少年", "幼儿", "孤儿", "母亲", "家庭", "老人", "患者",
    "人员", "群众", "夫妇", "居民", "青年", "女童", "对象", "家长", "教师", "农户", "人",
)
# Prepositions that open a clause before its verb: `在社区创建…`, `针对未成年人开展…`.
PREPOSITIONS = (
    "针对", "依托", "利用", "通过", "围绕", "按照", "结合", "面向", "聚焦",
    "在", "对", "按", "以", "从", "于", "将", "把",
)
# Prepositions that name who benefits: `为全县94名…儿童提供…`.
BENEFICIARY_PREPOSITIONS = ("为", "给", "向", "使", "让")
# Words at the start of a clause that say nothing about what is counted.
LEADING_FILLERS = (
    "全年", "今年", "当年", "本年度", "年度内", "年内", "力争", "争取", "确保", "实现", "完成",
    "积极", "累计", "其中", "同时", "另外", "此外", "并且", "并", "再", "进一步", "继续", "持续",
    "计划", "预计", "分别", "共计", "合计", "总计", "全力", "努力", "着力", "主动", "全部",
)
# Words at the end of the text before a number that only link it to the indicator.
TRAILING_FILLERS = (
    "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "降低到",
    "降低至", "下降到", "下降至", "上升到", "上升至", "降到", "降至", "保持在", "稳定在",
    "控制在", "达到", "共计", "合计", "总计", "累计", "达", "为", "到", "至", "在", "共", "是", "各", "分别",
)
# Separators that continue an enumeration under one verb: `幼儿园6所、中小学4所`.
ENUMERATION_SEPARATORS = ("、", "以及", "和", "及", "与", "并")
# Chinese-numeral phrases that are set expressions, never counts: `一批`, `一张网`.
CHINESE_IDIOMS = (
    "一批", "一系列", "一大批", "一部分", "一条龙", "一张网", "一张图", "一盘棋", "一揽子", "一本账",
    "一家亲", "一家人", "一件事", "一个都不能少", "一米", "一公里", "件实事",
)
# Units that, after a Chinese numeral, say how often rather than how many: `视力筛查两次`.
FREQUENCY_UNITS = ("次", "遍", "轮", "趟")
