"""Read a published 实事 notice into checked, structured data.

Pure Python: no Django here (a test enforces it). Text in, dataclasses out.

    >>> notice = parse_notice(open("samples/notices/huantai-2023.txt", encoding="utf-8").read())
    >>> notice.projects[0].title
    '实施优质教育资源扩容提质行动'
"""

from __future__ import annotations

import os

from .bounds import check_notice
from .errors import NoticeError
from .load import read_text
from .model import Attachment, AttachmentRow, Notice, NoticeWarning, Project, Reporting, Target
from .structure import parse_notice

__all__ = [
    "Attachment",
    "AttachmentRow",
    "Notice",
    "NoticeError",
    "NoticeWarning",
    "Project",
    "Reporting",
    "Target",
    "load_notice",
    "parse_notice",
]


def load_notice(source: str | os.PathLike | bytes, filename: str | None = None) -> Notice:
    """Read a notice from a file path or the file's bytes (txt, docx, pdf, html).

    Raises `NoticeError` with a message for a person when the file cannot be read at all, or
    holds far more than a notice (bounds.py).
    """
    return check_notice(parse_notice(read_text(source, filename)))
