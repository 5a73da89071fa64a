"""A notice file → its raw text.

`read_text()` accepts what clerks upload: Word (.docx; .doc/.wps when
LibreOffice is installed), text PDFs, web pages saved from a government portal
and plain text in any of the encodings Chinese Windows produces. The format is
decided by the file's content first and its name second, because names lie
(a .doc that is really a web page, a .pdf that is an error page).

Every failure is a NoticeError whose message tells a clerk, in Chinese, what
to do instead. Nothing else escapes, whatever the bytes.

Each reader bounds its work before spending it (bounds.py): the zip's declared sizes and the
XML's elements for .docx, the bytes of a text or web page before decoding, the pages of a PDF,
and the characters of the text that comes out, whatever the format.
"""

from __future__ import annotations

import email
import os
import re
from pathlib import Path

from shishi.notice import bounds
from shishi.notice.errors import NoticeError
from shishi.notice.load_docx import docx_text, is_docx
from shishi.notice.load_html import html_text
from shishi.notice.load_legacy import LEGACY_EXTENSIONS, OLE2, SAVE_AS_DOCX, legacy_word_text
from shishi.notice.load_pdf import pdf_text
from shishi.notice.load_text import decode_text, require_words

__all__ = ["read_text", "MAX_BYTES"]

MAX_BYTES = 50 * 1024 * 1024
_HTML_START = re.compile(
    rb"""
    ^ (?: \s | <!-- .*? --> | <\?xml [^>]*> )*          # whitespace, comments, XML declaration
    < (?: !doctype \s+ html | html | head | body | meta | title | div | p | table | span | h[1-6] | br
        | center | font )
    [\s>/]
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)

# Mail-style headers: "MIME-Version: 1.0" and a multipart Content-Type.
_MHT_START = re.compile(rb"\A(?=.*^MIME-Version:)(?=.*multipart/)", re.IGNORECASE | re.MULTILINE | re.DOTALL)

_HTML_EXTENSIONS = {".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"}

_NO_TEXT = "文件中没有文字。请确认上传的是通知文件本身，再重新上传。"


def read_text(source: str | os.PathLike | bytes, filename: str | None = None) -> str:
    """The text of a notice file: a path, or the file's bytes with an optional file name.

    Lines end in "\\n". Tables are rendered one cell per line, each starting
    with a TAB, with an empty line after each row.

    >>> read_text("关于2024年为全区妇女儿童办实事的通知".encode("gbk"), "notice.txt")
    '关于2024年为全区妇女儿童办实事的通知'
    """
    data, name = _read_source(source, filename)
    try:
        return bounds.check_text(require_words(_dispatch(data, name), _NO_TEXT))
    except NoticeError:
        raise
    except Exception as e:  # a library failing on bytes it did not expect
        raise NoticeError(
            f"无法读取文件{_quoted(name)}：文件内容不完整或格式无法识别。"
            "请用 Word 或 WPS 打开后另存为 .docx 或 .pdf 再上传。"
        ) from e


def _read_source(source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), filename or ""
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise NoticeError(_too_big(size))
            data = path.read_bytes()
        except FileNotFoundError:
            raise NoticeError(f"找不到文件{_quoted(name)}。请确认文件已上传成功，再重试。") from None
        except IsADirectoryError:
            raise NoticeError(f"{_quoted(name)}是一个文件夹，不是文件。请选择通知文件本身再上传。") from None
        except PermissionError as e:
            raise NoticeError(f"无法读取文件{_quoted(name)}：没有读取权限。请将文件另存一份后再上传。") from e
        except (OSError, ValueError) as e:  # ValueError: a NUL byte in the path
            raise NoticeError(f"无法读取文件{_quoted(name)}。请将文件另存一份后再上传。") from e
    else:
        raise TypeError(f"read_text() takes a path or bytes, not {type(source).__name__}")
    if not data:
        raise NoticeError(f"文件{_quoted(name)}是空的（0 字节）。请打开原文件确认有内容，保存后重新上传。")
    if len(data) > MAX_BYTES:
        raise NoticeError(_too_big(len(data)))
    return data, name


def _dispatch(data: bytes, name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return pdf_text(data)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_text(data, extension)
    if data.startswith(OLE2):
        return legacy_word_text(data, extension)
    if data.lstrip().startswith(b"{\\rtf"):
        return legacy_word_text(data, ".rtf")
    if _HTML_START.match(_without_bom(head)):
        return html_text(data)
    if _MHT_START.match(head):
        text = _mht_html(data)
        if text is not None:
            return text
    if extension == ".pdf":
        raise NoticeError(
            "文件名是 .pdf，但内容不是 PDF 文件，可能下载不完整或改过扩展名。"
            "请重新下载或重新导出 PDF 后再上传。"
        )
    if extension in (".docx", ".docm", ".dotx"):
        raise NoticeError(
            "文件名是 .docx，但内容不是 Word 文档，可能已损坏或改过扩展名。"
            "请用 Word 或 WPS 打开原文件，另存为 .docx 后再上传。"
        )
    bounds.check_text_bytes(data)  # before decoding: what is left is read as text
    if extension in _HTML_EXTENSIONS:
        return html_text(data)
    if extension in LEGACY_EXTENSIONS:
        # Old "Word" files are sometimes plain text or a web page under a .doc name;
        # anything else here is a format we cannot read.
        try:
            return decode_text(data)
        except NoticeError:
            raise NoticeError(SAVE_AS_DOCX.format(kind=extension)) from None
    return decode_text(data)


def _without_bom(head: bytes) -> bytes:
    return head.removeprefix(b"\xef\xbb\xbf")


def _mht_html(data: bytes) -> str | None:
    """The page inside a "single file web page" (.mht), as Word and IE save them."""
    message = email.message_from_bytes(data)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return html_text(payload, declared=part.get_content_charset())
    return None


def _zip_text(data: bytes, extension: str) -> str:
    try:
        archive = bounds.open_zip(data, bounds.CHECK_NOTICE)
        names = set(archive.namelist())
        word = is_docx(archive)
        archive.close()
    except NoticeError:
        raise
    except Exception as e:  # BadZipFile, truncated central directory, bad offsets…
        if extension in (".docx", ".docm", ".dotx"):
            raise NoticeError(
                "Word 文件已损坏，无法读取（压缩结构不完整）。"
                "请用 Word 或 WPS 打开后重新“另存为” .docx，或改为上传 PDF 文件。"
            ) from e
        raise NoticeError(
            "文件已损坏或不完整，无法打开。请重新下载或重新保存后再上传（Word 文档请另存为 .docx）。"
        ) from e
    if word:
        return docx_text(data)
    if "xl/workbook.xml" in names:
        kind = "Excel 表格"
    elif "ppt/presentation.xml" in names:
        kind = "PowerPoint 演示文稿"
    elif "content.xml" in names and "mimetype" in names:
        kind = "OpenDocument 文档（.odt 等）"
    else:
        kind = "压缩包（.zip）"
    raise NoticeError(
        f"这个文件是{kind}，不是 Word 文档。"
        "请上传通知本身：Word 文档（.docx）、PDF 或 TXT 文件；如是压缩包，请先解压。"
    )


def _too_big(size: int) -> str:
    return (
        f"文件太大（{size / 1024 / 1024:.0f} MB），超过了 {MAX_BYTES // 1024 // 1024} MB 的上限。"
        "通知文件一般只有几百 KB，请确认上传的是通知本身；如含大量图片，请另存为不含图片的 .docx 或 PDF。"
    )


def _quoted(name: str) -> str:
    return f"“{name}”" if name else ""
