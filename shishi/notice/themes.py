"""One theme per project, so that plans can be compared across years and counties.

The taxonomy (stable identifiers; the UI translates them):

| theme | 主题 | typical projects |
|---|---|---|
| education | 教育 | new or rebuilt kindergartens and schools, school places, smart education |
| childcare | 托育 | nurseries for under-threes, 托位, 妈妈小屋 (nursing rooms at work) |
| child_friendly_city | 儿童友好 | child-friendly city, communities, bases, parks |
| mental_health | 心理健康 | psychological help lines, counselling, crisis intervention |
| cancer_screening | 两癌筛查 | free cervical and breast cancer screening and relief |
| employment | 就业创业 | women's job fairs, domestic-service training, start-up loans |
| family | 家庭 | family education, 最美家庭, family values |
| culture | 文化 | reading spaces, libraries, science popularisation, culture for children |
| children_in_difficulty | 困境儿童 | orphans and children in difficulty,\
 disabled children's rehabilitation, 希望小屋 |
| health | 健康 | maternal and child health, vision screening, vaccination, fitness |
| rights | 权益保障 | legal aid, women's rights, protection of minors, mediation |
| marriage_and_birth | 婚育 | marriage and childbirth culture, pre-pregnancy checks, birth costs |
| other | 其他 | anything else |

Keywords in the title weigh three times those in the body; ties go to the theme listed first.
"""

from __future__ import annotations

# The one list of themes: code → the name people read (CLI, exports, comparisons), in this order.
THEME_NAMES: dict[str, str] = {
    "education": "教育",
    "childcare": "托育",
    "child_friendly_city": "儿童友好",
    "mental_health": "心理健康",
    "cancer_screening": "两癌筛查",
    "employment": "就业创业",
    "family": "家庭",
    "culture": "文化",
    "children_in_difficulty": "困境儿童",
    "health": "健康",
    "rights": "权益保障",
    "marriage_and_birth": "婚育",
    "other": "其他",
}
THEMES = tuple(THEME_NAMES)

KEYWORDS: dict[str, tuple[str, ...]] = {
    "cancer_screening": ("两癌", "宫颈癌", "乳腺癌", "癌筛查"),
    "mental_health": ("心理", "心希望", "心灵"),
    "child_friendly_city": ("儿童友好",),
    "childcare": ("托育", "托位", "婴幼儿照护", "妈妈小屋", "哺乳室", "母婴室", "3岁以下"),
    "education": (
        "幼儿园",
        "中小学",
        "学校",
        "学位",
        "教育资源",
        "校园",
        "职业学校",
        "中职",
        "智慧教育",
        "课后服务",
    ),
    "employment": ("就业", "创业", "招聘", "家政", "技能培训", "巾帼", "岗位", "贷"),
    "family": ("家庭", "家教", "家风", "最美家庭", "家长学校"),
    "culture": ("文化", "阅读", "图书", "书房", "科普", "科技馆", "博物馆", "文润", "素养", "戏曲", "非遗"),
    "children_in_difficulty": (
        "困境儿童",
        "孤儿",
        "孤困",
        "残疾儿童",
        "希望小屋",
        "留守",
        "康复救助",
        "爱心妈妈",
        "事实无人抚养",
    ),
    "health": (
        "健康",
        "体质",
        "健身",
        "视力",
        "眼健康",
        "预防接种",
        "妇幼",
        "医疗",
        "体检",
        "孤独症",
        "疫苗",
    ),
    "rights": ("权益", "法律", "维权", "司法", "调解", "未成年人保护", "反家暴", "家庭暴力", "法治"),
    "marriage_and_birth": ("婚育", "婚恋", "交友", "联谊", "孕前", "生育", "分娩", "婚姻"),
}


def classify(title: str, body: str) -> str:
    """The project's theme.

    >>> classify("实施适龄妇女“两癌”免费筛查和救助行动", "")
    'cancer_screening'
    >>> classify("实施优质教育资源扩容提质行动", "新改扩建幼儿园6所、中小学4所")
    'education'
    >>> classify("为民办事", "")
    'other'
    """
    scores = {theme: 0 for theme in KEYWORDS}
    for theme, words in KEYWORDS.items():
        for word in words:
            scores[theme] += 3 * title.count(word) + body.count(word)
    best = max(THEMES[:-1], key=lambda theme: scores[theme])
    return best if scores[best] > 0 else "other"
