"""The indicator key: targets written differently line up in one row, different things do not."""

import doctest

import pytest

from shishi.comparisons import continuity, goals, indicators, reading
from shishi.comparisons.indicators import indicator_key, measure_of

# theme, indicator, unit of measure, kind, the key it must get — from the five sample notices
SAME_ROW = [
    pytest.param(
        "cancer_screening", "免费筛查", "人", "count", "cancer_screening_people", id="huantai-2023-screened"
    ),
    pytest.param(
        "cancer_screening", "免费检查", "人", "count", "cancer_screening_people", id="gaoxinqu-2023-checked"
    ),
    pytest.param(
        "cancer_screening",
        "城乡适龄妇女“两癌”筛查",
        "人次",
        "count",
        "cancer_screening_people",
        id="gaoqing-2021-person-times",
    ),
    pytest.param(
        "cancer_screening",
        "城乡适龄妇女“两癌”免费检查",
        "名",
        "count",
        "cancer_screening_people",
        id="zichuan-2024-ming",
    ),
    pytest.param(
        "cancer_screening",
        "适龄妇女宫颈癌、乳腺癌筛查率",
        "%",
        "percent",
        "cancer_screening_rate",
        id="screening-rate-is-not-people",
    ),
    pytest.param(
        "education", "新改扩建幼儿园", "所", "count", "kindergartens_built", id="huantai-kindergartens"
    ),
    pytest.param(
        "education", "新建幼儿园", "所", "count", "kindergartens_built", id="gaoxinqu-new-kindergartens"
    ),
    pytest.param(
        "education", "维修改造幼儿园", "所", "count", "kindergartens_repaired", id="repairs-are-not-building"
    ),
    pytest.param("education", "维修改造中小学", "所", "count", "schools_repaired", id="school-repairs"),
    pytest.param(
        "childcare", "新增市级示范工会妈妈小屋", "家", "count", "nursing_rooms", id="nursing-rooms-jia"
    ),
    pytest.param(
        "rights", "建设“妈妈小屋”", "处", "count", "nursing_rooms", id="nursing-rooms-under-another-theme"
    ),
    pytest.param(
        "childcare", "每千人口3岁以下婴幼儿托位数", "个", "rate", "childcare_places_rate", id="childcare-rate"
    ),
    pytest.param(
        "employment",
        "培训家政从业人员",
        "人次",
        "count",
        "domestic_training_people",
        id="domestic-training-people",
    ),
    pytest.param(
        "employment",
        "开展家政培训",
        "场次",
        "count",
        "domestic_training_events",
        id="domestic-training-sessions",
    ),
    pytest.param(
        "child_friendly_city", "推报儿童友好实践基地", "处", "count", "friendly_bases", id="friendly-bases"
    ),
    pytest.param("culture", "打造新型儿童公共阅读空间", "处", "count", "reading_spaces", id="reading-spaces"),
]


@pytest.mark.parametrize("theme, indicator, unit, kind, key", SAME_ROW)
def test_it_gives_the_indicator_its_family_key(theme, indicator, unit, kind, key):
    assert indicator_key(theme, indicator, unit, kind).key == key


def test_it_keys_the_rest_by_theme_measure_and_the_indicator_without_its_verb():
    built = indicator_key("child_friendly_city", "新建适儿化带状公园", "处", "count")
    made = indicator_key("child_friendly_city", "建成适儿化带状公园", "个", "count")
    assert built.key == made.key == "child_friendly_city:places:适儿化带状公园"
    assert built.name == "适儿化带状公园"


def test_it_never_lines_up_a_share_with_a_count_of_the_same_words():
    share = indicator_key("family", "“美在家庭”建成率", "%", "percent")
    households = indicator_key("family", "选树“美在家庭”标兵户", "户", "count")
    assert share.key != households.key and not share.summable and households.summable


@pytest.mark.parametrize(
    "unit, kind, measure",
    [
        ("人", "count", "people"),
        ("人次", "count", "people"),
        ("名", "count", "people"),
        ("所", "count", "places"),
        ("间", "count", "places"),
        ("场次", "count", "events"),
        ("期", "count", "events"),
        ("%", "percent", "percent"),
        ("个", "rate", "rate"),
        ("元", "money", "money"),
        ("元/月/人", "standard", "standard:元/月/人"),
        ("条", "count", "unit:条"),
    ],
)
def test_it_groups_units_of_measure(unit, kind, measure):
    assert measure_of(unit, kind) == measure


@pytest.mark.parametrize("module", [indicators, continuity, goals, reading], ids=lambda m: m.__name__)
def test_the_doctests_hold(module):
    assert doctest.testmod(module).failed == 0
