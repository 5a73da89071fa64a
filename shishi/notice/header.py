"""The document's header and signature: issuer, number, title, addressees, date, region."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

DOC_NUMBER = re.compile(
    r"""
    (?P<prefix>[\u4e00-\u9fff]{1,12})   # issuer's abbreviation and kind: 桓政办字, 淄高新管办字
    \s*[〔\[［【(（]\s*
    (?P<year>(?:19|20)\d{2})            # the year, in any of the brackets people type
    \s*[〕\]］】)）]\s*
    (?P<number>\d{1,4})\s*号
    """,
    re.VERBOSE,
)
# A flattened web page runs the title into the number: `…工作方案的通知费政办字〔2024〕6号`.
_BEFORE_PREFIX = re.compile(r"^.*(?:通知|意见|方案|决定|的|》|」|\s)")
_LONGEST_PREFIX = 8


def find_doc_number(text: str) -> tuple[str, int] | None:
    """The document number and its year.

    >>> find_doc_number("关于印发工作方案的通知费政办字〔2024〕6号 各乡镇")
    ('费政办字〔2024〕6号', 2024)
    """
    match = DOC_NUMBER.search(text)
    if not match:
        return None
    prefix = (
        _BEFORE_PREFIX.sub("", match.group("prefix"))[-_LONGEST_PREFIX:]
        or match.group("prefix")[-_LONGEST_PREFIX:]
    )
    number = re.sub(r"\s+", "", match.group(0)[len(match.group("prefix")) :])
    return prefix + number, int(match.group("year"))


_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
ISSUER_ENDINGS = (
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "管理委员会办公室",
    "管委会办公室",
    "管理委员会",
    "管委会",
    "妇女儿童工作委员会",
    "妇儿工委",
    "妇女儿童工作委员会办公室",
    "妇儿工委办公室",
    "办公室",
    "委员会",
    "妇联",
)
_REGION = re.compile(
    r"(?P<name>.{1,20}?(?:自治州|自治县|自治旗|新区|开发区|示范区|高新区|矿区|林区|特区|省|市|县|区|旗|州|盟))"
)
# Long official names and the short names people actually use.
_GREEDY_REGION = re.compile(_REGION.pattern.replace(".{1,20}?", ".{1,20}"))
_REGION_SHORT = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"), ("经济开发区", "经济开发区"))
_TITLE_END = re.compile(r"(?:通知|意见|方案|公告|通告|决定|函|计划|清单|安排)$")


@dataclass
class Header:
    issuer: str | None = None
    doc_number: str | None = None
    doc_year: int | None = None
    title: str | None = None
    title_year: int | None = None
    addressees: str | None = None
    region: str | None = None


def read_header(lines: list[str]) -> Header:
    """Read what stands above the first project. `lines` are stripped and space-collapsed."""
    header = Header()
    text = "\n".join(lines)
    if found := find_doc_number(text):
        header.doc_number, header.doc_year = found
    found = _title_lines(lines)
    if found is not None:
        first, last = found
        title = "".join(lines[first : last + 1])
        issuer, _, rest = title.partition("关于")
        header.title = "关于" + rest if rest else title
        header.issuer = issuer.strip() or _issuer_above(lines, first)
        after = lines[last + 1 :]
    else:
        header.title = _headline(lines)
        after = lines
    if header.title and (year := re.search(r"((?:19|20)\d{2})\s*年", header.title)):
        header.title_year = int(year.group(1))
    header.addressees = _addressees(after)
    header.region = region_of(header.issuer) if header.issuer else _region_mentioned(text)
    return header


def _region_mentioned(text: str) -> str | None:
    """A news page names the region in its headline or as the issuing government."""
    match = re.search(
        r"(?P<name>[\u4e00-\u9fff]{2,10}?(?:省|市|县|区|旗))(?:人民政府|妇女儿童工作委员会|妇儿工委|妇联|\d{4}年|今年|印发|发布)",
        text,
    )
    if match and not match.group("name").startswith(("我", "本", "全", "各", "该")):
        return region_of(match.group("name"))
    return None


def publication_year(lines: list[str]) -> int | None:
    """The year a web page was published (`发布时间：2024-04-08`), for a news page whose
    headline says only 今年."""
    for line in lines[:6]:
        if match := re.search(r"((?:19|20)\d{2})[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}", line):
            return int(match.group(1))
    return None


def _title_lines(lines: list[str]) -> tuple[int, int] | None:
    """First and last line of the document title `关于……的通知`, which may wrap.

    A news page quotes the title inside a sentence before reprinting the notice, so the
    last standalone title above the projects is the one.
    """
    found = None
    for index, line in enumerate(lines):
        if "关于" not in line or re.search(r"[，。《]", line) or len(line) > 80:
            continue
        title, last = line, index
        while not _TITLE_END.search(title) and last + 1 < len(lines) and last < index + 2:
            last += 1
            title += lines[last]
        if _TITLE_END.search(title):
            found = (index, last)
    return found


def _headline(lines: list[str]) -> str | None:
    """A page's own headline when it is not the notice: the first short line about 实事
    (a web page's `标题:` field included), else its first line."""
    for line in lines[:15]:
        line = re.sub(r"^标题\s*[:：]\s*", "", line)
        if "实事" in line and len(line) < 80 and not re.search(r"[。；]", line):
            return line
    return next((line.strip("《》") for line in lines if len(line) > 4), None)


def _issuer_above(lines: list[str], title_at: int) -> str | None:
    for line in reversed(lines[:title_at]):
        if line.endswith(ISSUER_ENDINGS) and not DOC_NUMBER.search(line):
            return line
    return None


def _addressees(lines: list[str]) -> str | None:
    """`各镇人民政府，…，各有关单位：` possibly wrapped over lines."""
    collected = ""
    for line in lines[:12]:
        if not line or DOC_NUMBER.fullmatch(line):
            continue
        if not collected and not line.startswith("各") and "单位" not in line:
            continue
        collected += line
        if collected.endswith(("：", ":")):
            return collected.rstrip("：:")
        if len(collected) > 200:
            break
    return None


def region_of(issuer: str) -> str | None:
    """The region a government office belongs to: the issuer without its office words.

    >>> region_of("桓台县人民政府办公室"), region_of("费县人民政府办公室")
    ('桓台县', '费县')
    >>> region_of("淄博高新技术产业开发区管理委员会办公室")
    '淄博高新区'
    >>> region_of("西安市雁塔区人民政府办公室")
    '西安市雁塔区'
    """
    for long, short in _REGION_SHORT:
        if long in issuer:
            return issuer[: issuer.index(long)] + short
    for ending in sorted(ISSUER_ENDINGS, key=len, reverse=True):
        if issuer.endswith(ending) and _REGION.fullmatch(issuer[: -len(ending)]):
            return issuer[: -len(ending)]
    match = _GREEDY_REGION.match(issuer)
    return match.group("name") if match else None


def find_issue_date(lines: list[str]) -> str | None:
    """The signing date: a date standing on its own line (or after the issuer's name)
    near the end, else the 印发 date. Dates inside sentences (`2024年年底前完成`) are not it.
    """
    printed = None
    for line in reversed(lines):
        compact = re.sub(r"\s+", "", line)
        match = _DATE.search(compact) or _CN_DATE.search(compact)
        if not match:
            continue
        before, after = compact[: match.start()], compact[match.end() :]
        if not after and (not before or before.endswith(ISSUER_ENDINGS)):
            return _iso(match)
        if after == "印发" and printed is None:
            printed = _iso(match)
    return printed


def _iso(match: re.Match) -> str | None:
    try:
        year, month, day = (int(cn2an.cn2an(match.group(g).replace("〇", "零"), "smart")) for g in "ymd")
    except (ValueError, KeyError, TypeError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
