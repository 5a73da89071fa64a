"""One key per indicator, so that targets written differently by different counties, or by the
same county in different years, line up in one row.

A notice says 免费筛查1.8万人, the next county 免费检查约1.2万人, the year after 城乡适龄妇女“两癌”
筛查20000人次: the same indicator (people screened for the two cancers). The rule, in order:

1. The measure: the target's unit of measure falls into a family (people: 人 人次 名 位; places:
   所 个 处 家 间 座; events: 场 场次 期 次 届; households: 户; percent; per-thousand rates; money in
   元; per-head standards keep their own unit). 人次 and 人 are counted together on purpose:
   notices use both for the same screening.
2. A keyword family (the table `FAMILIES` below, first match wins): words of which one must occur
   in the indicator or its text, words that must also occur, words that must not, the measure,
   and optionally the themes (shishi/notice/themes.py) the project must have. 维修改造幼儿园 and
   新改扩建幼儿园 are different families: repairing a kindergarten is not building one.
3. Otherwise the key is the theme, the measure and the indicator with its leading verb taken off
   (打造高品质儿童友好社区 and 建成高品质儿童友好社区 are both 高品质儿童友好社区).

Pure Python, no Django: the services feed it the targets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

PEOPLE, PLACES, EVENTS, HOUSEHOLDS = "people", "places", "events", "households"
PERCENT, RATE, MONEY = "percent", "rate", "money"
MEASURE_UNITS = {
    PEOPLE: ("人", "人次", "名", "位"),
    PLACES: ("所", "个", "处", "家", "间", "座"),
    EVENTS: ("场", "场次", "期", "次", "届"),
    HOUSEHOLDS: ("户",),
    PERCENT: ("%",),
    MONEY: ("元",),
}
# Goals of these measures add up when a plan has several targets with the same key
# (新建幼儿园2所 and 改扩建幼儿园3所 are 5 kindergartens); rates, shares and per-head standards do not.
SUMMABLE = {PEOPLE, PLACES, EVENTS, HOUSEHOLDS, MONEY}


@dataclass(frozen=True)
class Family:
    key: str
    name: str
    measure: str
    words: tuple[str, ...]  # one of these must occur
    also: tuple[str, ...] = ()  # every one of these must occur too
    without: tuple[str, ...] = ()  # none of these may occur
    themes: tuple[str, ...] = ()  # empty: any theme


FAMILIES: tuple[Family, ...] = (
    Family(
        "cancer_screening_rate", "两癌筛查率", PERCENT, ("筛查率", "检查率"), themes=("cancer_screening",)
    ),
    Family("cancer_screening_people", "两癌筛查人数", PEOPLE, ("筛查", "检查"), themes=("cancer_screening",)),
    Family("kindergartens_repaired", "维修改造幼儿园", PLACES, ("幼儿园",), also=("维修",)),
    Family("kindergartens_built", "新改扩建幼儿园", PLACES, ("幼儿园",)),
    Family("schools_repaired", "维修改造中小学", PLACES, ("中小学", "学校"), also=("维修",), without=("职",)),
    Family("schools_built", "新改扩建中小学", PLACES, ("中小学",)),
    Family("school_places", "新增学位", PLACES, ("学位",)),
    Family("childcare_places_rate", "每千人口托位数", RATE, ("托位",)),
    Family("childcare_places", "新增托位", PLACES, ("托位",)),
    Family("childcare_institutions", "托育机构", PLACES, ("托育机构", "托育服务机构")),
    Family("nursing_rooms", "妈妈小屋", PLACES, ("妈妈小屋",)),
    Family("domestic_training_people", "家政培训人数", PEOPLE, ("家政",)),
    Family("domestic_training_events", "家政培训场次", EVENTS, ("家政",)),
    Family("job_fairs", "招聘会场次", EVENTS, ("招聘会",)),
    Family("friendly_communities", "儿童友好社区", PLACES, ("儿童友好社区",)),
    Family("friendly_bases", "儿童友好基地", PLACES, ("基地",), also=("儿童友好",)),
    Family("reading_spaces", "儿童阅读空间、城市书房", PLACES, ("阅读空间", "书房")),
    Family("reading_events", "阅读推广活动", EVENTS, ("阅读推广",)),
    Family("hope_rooms", "希望小屋", PLACES, ("希望小屋",)),
    Family("family_rate", "“美在家庭”建成率", PERCENT, ("美在家庭",)),
    Family("family_education_events", "家庭教育讲座、活动", EVENTS, ("家庭教育",)),
)

# Verbs that open an indicator without saying what is counted (rule 3).
_LEADING_VERBS = re.compile(
    r"""
    ^(?:组织开展|探索推进|开展|举办|打造|建成|建设|新建|实现|完成|推报|选树|寻找|争取|力争|新增)+
""",
    re.VERBOSE,
)
_QUOTES = re.compile(r"[“”\"‘’「」]")


@dataclass(frozen=True)
class IndicatorKey:
    key: str
    name: str
    measure: str

    @property
    def summable(self) -> bool:
        return self.measure in SUMMABLE


def measure_of(unit_of_measure: str, kind: str) -> str:
    """The family of a unit of measure.

    >>> measure_of("人次", "count"), measure_of("所", "count"), measure_of("个", "rate")
    ('people', 'places', 'rate')
    >>> measure_of("元/月/人", "standard")
    'standard:元/月/人'
    """
    if kind == "rate":
        return RATE
    if kind == "standard":
        return f"standard:{unit_of_measure}"
    if kind == "percent" or unit_of_measure == "%":
        return PERCENT
    for measure, units in MEASURE_UNITS.items():
        if unit_of_measure in units:
            return measure
    return f"unit:{unit_of_measure}"


@functools.lru_cache(maxsize=8192)  # a comparison asks for the same few hundred indicators again and again
def indicator_key(
    theme: str, indicator: str, unit_of_measure: str, kind: str, text: str = ""
) -> IndicatorKey:
    """The key that lines this target up with the same indicator elsewhere.

    >>> indicator_key("cancer_screening", "免费筛查", "人", "count").name
    '两癌筛查人数'
    >>> indicator_key("cancer_screening", "城乡适龄妇女“两癌”免费检查", "名", "count").key
    'cancer_screening_people'
    >>> indicator_key("education", "维修改造幼儿园", "所", "count").key
    'kindergartens_repaired'
    >>> indicator_key("child_friendly_city", "打造高品质儿童友好社区", "个", "count").key
    'friendly_communities'
    >>> indicator_key("culture", "开展科普大篷车巡展", "场", "count")
    IndicatorKey(key='culture:events:科普大篷车巡展', name='科普大篷车巡展', measure='events')
    """
    measure = measure_of(unit_of_measure, kind)
    haystack = f"{indicator} {text}"
    for family in FAMILIES:
        if family.measure != measure or (family.themes and theme not in family.themes):
            continue
        if (
            any(word in haystack for word in family.words)
            and all(word in haystack for word in family.also)
            and not any(word in haystack for word in family.without)
        ):
            return IndicatorKey(family.key, family.name, measure)
    name = _LEADING_VERBS.sub("", _QUOTES.sub("", indicator)).strip() or indicator
    return IndicatorKey(f"{theme}:{measure}:{name}", name, measure)
