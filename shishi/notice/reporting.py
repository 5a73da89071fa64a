"""The closing rules: how often units report, to whom, in what form, by when."""

from __future__ import annotations

import calendar
import re

from .model import Reporting

_FREQUENCY = (
    ("quarterly", re.compile(r"每(?:个)?季度|按季度?|季度末|每季")),
    ("monthly", re.compile(r"每(?:个)?月(?:底|末|\d|[上中下]旬)|按月")),
    ("half-yearly", re.compile(r"每半年|半年度?末")),
    ("yearly", re.compile(r"每年(?:底|末)|年底前报送|年终")),
)
_RECIPIENT = re.compile(
    r"""
    报(?:送)?(?:至|给)?\s*
    (?P<to>[\u4e00-\u9fff]{2,24}?           # the office, shortest name that ends like an office
       (?:办公室|工委办|妇联|科|处|部|室|中心))
    (?=[（(，,。；\s]|$)
    """,
    re.VERBOSE,
)
_PHONE = re.compile(r"(?:联系)?电话\s*[:：]?\s*(?P<phone>(?:0\d{2,3}[-－—]?)?\d{7,8}|1[3-9]\d{9})")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_YEAR_END = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:年\s*)?(?:底|末|12\s*月\s*底)(?:前|之前)?\s*(?:全部|全面)?完成"
)
_MONTH_END = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:底|末)(?:前|之前)\s*(?:全部|全面)?完成"
)
_SUPERVISION = re.compile(r"列入[^。]{0,20}督查|督查室|督查内容|督导检查|纳入[^。]{0,20}(?:督查|考核)")


def read_reporting(text: str) -> Reporting:
    """Rules from the closing paragraphs (`text` has no line breaks inside sentences).

    >>> r = read_reporting("各责任单位要于每季度末将实事进展情况电子版及盖章PDF版"
    ...                    "报县妇儿工委办公室（联系电话：8180012）。")
    >>> (r.frequency, r.to, r.formats, r.phone)
    ('quarterly', '县妇儿工委办公室', ['电子版', '盖章PDF版'], '8180012')
    """
    reporting = Reporting()
    reporting.frequency = next((name for name, pattern in _FREQUENCY if pattern.search(text)), None)
    sentence = _reporting_sentence(text)
    if match := _RECIPIENT.search(sentence):
        reporting.to = match.group("to")
    reporting.formats = _formats(sentence)
    if match := _PHONE.search(text):
        reporting.phone = match.group("phone")
    if match := _EMAIL.search(text):
        reporting.email = match.group(0)
    reporting.deadline = _deadline(text)
    reporting.supervision = bool(_SUPERVISION.search(text))
    return reporting


def _reporting_sentence(text: str) -> str:
    """The sentence that says where progress goes (it names 进展 or 报送 and an office)."""
    for sentence in re.split(r"(?<=[。；])", text):
        if re.search(r"进展|进度|报送|报表", sentence) and "报" in sentence:
            return sentence
    return text


def _formats(sentence: str) -> list[str]:
    formats = []
    if "电子版" in sentence or "电子文档" in sentence:
        formats.append("电子版")
    if re.search(r"盖章\s*PDF|PDF\s*盖章", sentence, re.IGNORECASE):
        formats.append("盖章PDF版")
    elif re.search(r"加盖公章|盖章", sentence):
        formats.append("盖章版")
    if "纸质" in sentence:
        formats.append("纸质版")
    return formats


def _deadline(text: str) -> str | None:
    if match := _YEAR_END.search(text):
        return f"{match.group('y')}-12-31"
    if match := _MONTH_END.search(text):
        year, month = int(match.group("y")), int(match.group("m"))
        if 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return None


_DEADLINE = re.compile(
    r"""
    (?:(?P<y>(?:19|20)\d{2})\s*[年.\-/])?       # 2024年, 2024.
    (?:
        (?P<m>\d{1,2})\s*(?:月)?\s*             # 12月, 6
        (?:(?P<d>\d{1,2})\s*日|(?P<end>底|末|前|份|$))?
      | (?P<year_end>年?底|年末|全年|年内)     # 年底, 全年
    )
    """,
    re.VERBOSE,
)


def deadline_date(text: str | None, year: int | None) -> str | None:
    """A project's 完成时限 as an ISO date, the last day of the period it names.

    >>> [deadline_date(t, 2024) for t in ("2024年12月底", "6月30日", "年底前", "2025.6", "长期")]
    ['2024-12-31', '2024-06-30', '2024-12-31', '2025-06-30', None]
    """
    if not text:
        return None
    match = _DEADLINE.search(re.sub(r"\s+", "", text))
    if not match or not (match.group("y") or year) or not (match.group("m") or match.group("year_end")):
        return None
    y = int(match.group("y") or year)
    if match.group("year_end"):
        return f"{y:04d}-12-31"
    month = int(match.group("m"))
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(y, month)[1]
    day = int(match.group("d")) if match.group("d") else last
    return f"{y:04d}-{month:02d}-{min(max(day, 1), last):02d}"
