"""What a PDF holds, read with pypdf object by object, without rendering or running any of it.

Two questions are asked of an uploaded PDF before anything else is done with it:

- How much page content would a reader have to parse (`check_content`)? A content stream of a
  few KB can inflate to hundreds of MB, and PDFium parses all of it to find a page's text;
  every page's streams, and the form XObjects it draws, are measured inflating, with a bound.
- What would it do when opened (`active_content`)? See that function for the rule.

pypdf reads names with their #xx escapes decoded (`/J#61vaScript` is `/JavaScript`) and the
objects packed in compressed object streams, where a search of the raw bytes would find neither.
"""

from __future__ import annotations

import io
import logging

import pypdfium2 as pdfium
from pypdf import PdfReader, apply_configuration
from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from . import bounds
from .bounds import OverLimit

# pypdf warns through logging about the damage it reads past ("EOF marker not found"); with no
# handler configured, Python prints that to stderr, where the CLI's one-line error belongs. What
# matters of the damage, this module and PDFium say in their own words.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

MiB = bounds.MiB
# Page content (operators) a page may have, and all pages together: a page of a Word-made PDF
# has 5–50 KB.
MAX_PAGE_CONTENT_BYTES = 4 * MiB
MAX_CONTENT_BYTES = 32 * MiB

# Action types that run code, start programs, open or carry other files, or send data.
# /GoTo (a page of this file), /URI (a web link, as Word exports for any URL in the text; the
# viewer asks before following it) and /Named (next page…) only move the reader and are kept.
REFUSED_ACTIONS = {
    "/JavaScript": "脚本（JavaScript）",
    "/Launch": "启动程序的动作（Launch）",
    "/SubmitForm": "提交表单数据的动作（SubmitForm）",
    "/ImportData": "导入数据的动作（ImportData）",
    "/GoToR": "打开其他文件的动作（GoToR）",
    "/GoToE": "打开嵌入文件的动作（GoToE）",
    "/RichMediaExecute": "多媒体命令（RichMediaExecute）",
    "/Rendition": "多媒体播放动作（Rendition）",
    "/Movie": "影片动作（Movie）",
    "/Sound": "声音动作（Sound）",
}
REFUSED_KEYS = {
    "/JS": "脚本（JavaScript）",
    "/JavaScript": "脚本（JavaScript）",
    "/AA": "打开页面或点击时自动执行的动作（AA）",
    "/EmbeddedFiles": "嵌入的文件",
    "/EF": "嵌入的文件",
    "/XFA": "XFA动态表单",
    "/RichMediaContent": "多媒体内容",
}
REFUSED_SUBTYPES = {
    "/FileAttachment": "附加的文件",
    "/EmbeddedFile": "嵌入的文件",
    "/RichMedia": "多媒体内容",
    "/Movie": "影片",
    "/Sound": "声音",
    "/Screen": "多媒体内容",
}


class Unreadable(Exception):
    """pypdf cannot read the file's structure (damaged, or encrypted beyond what it can open)."""


def open_pdf(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted")
        return reader
    except (
        PyPdfError,
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
        NotImplementedError,
    ) as e:
        raise Unreadable(str(e)) from e


def check_content(reader: PdfReader, hint: str = bounds.CHECK_FILE) -> None:
    """Refuse a PDF whose pages hold more content than any real document, before a reader
    parses it: each stream is inflated with pypdf's output limit set to what is left."""
    total = 0
    sizes: dict[tuple[int, int], int] = {}
    try:
        pages = len(reader.pages)
        if pages > bounds.MAX_PDF_PAGES:
            raise OverLimit(f"PDF有{pages}页，超过了{bounds.MAX_PDF_PAGES}页的上限。{hint}")
        for page in reader.pages:
            size = _drawn(page, sizes, set(), MAX_PAGE_CONTENT_BYTES)
            total += size
            if size > MAX_PAGE_CONTENT_BYTES or total > MAX_CONTENT_BYTES:
                where, limit = (
                    ("一页", MAX_PAGE_CONTENT_BYTES)
                    if size > MAX_PAGE_CONTENT_BYTES
                    else ("全部页面", MAX_CONTENT_BYTES)
                )
                raise OverLimit(f"PDF中{where}的内容解压后超过{limit // MiB}MB，内容过多，无法读取。{hint}")
    except OverLimit:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise Unreadable(str(e)) from e


def _drawn(holder, sizes: dict, seen: set, budget: int) -> int:
    """Bytes of content a page (or form XObject) has: its streams and the forms in its resources."""
    total = 0
    contents = holder.get("/Contents") if not isinstance(holder, StreamObject) else None
    if isinstance(holder, StreamObject):
        total += _inflated(holder, sizes, budget)
    elif contents is not None:
        contents = contents.get_object()
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = stream.get_object()
            if isinstance(stream, StreamObject):
                total += _inflated(stream, sizes, budget - total)
            if total > budget:
                return total
    resources = holder.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    xobjects = resources.get("/XObject") if isinstance(resources, DictionaryObject) else None
    xobjects = xobjects.get_object() if xobjects is not None else None
    if isinstance(xobjects, DictionaryObject):
        for reference in xobjects.values():
            key = _key(reference)
            form = reference.get_object()
            if not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form" or key in seen:
                continue  # images are not parsed for text; a form drawing itself is drawn once
            total += _drawn(form, sizes, seen | {key}, budget - total)
            if total > budget:
                return total
    return total


def _inflated(stream: StreamObject, sizes: dict, budget: int) -> int:
    key = _key(stream)
    if key in sizes:
        return sizes[key]
    limit = max(budget, 0) + 1
    limits = {
        name: limit
        for name in (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "brotli_maximum_output_length",
            "array_based_stream_maximum_output_length",
        )
    }
    try:
        with apply_configuration(**limits):
            size = len(stream.get_data())
    except LimitReachedError:
        size = limit
    if key is not None:
        sizes[key] = size
    return size


def _key(obj) -> tuple[int, int] | None:
    reference = obj if isinstance(obj, IndirectObject) else getattr(obj, "indirect_reference", None)
    return (reference.idnum, reference.generation) if reference is not None else None


def active_content(reader: PdfReader) -> list[str]:
    """What in the PDF would act when it is opened, clicked or printed; [] for a plain document.

    The rule, for stamped PDFs (a scan, or a form exported from Word or WPS):
    - refused: any action that runs code, starts a program, opens or carries another file, or
      sends or fetches data (REFUSED_ACTIONS); additional actions (/AA) triggered by opening a
      page, a field or the document; an /OpenAction that is anything but going to a page;
      embedded or attached files; XFA forms; multimedia;
    - kept: web links (/URI) and links within the file (/GoTo, /Named), which Word writes for
      any address in the text and a viewer asks about before following.
    Every object is looked at, reachable or not, including those packed in object streams.
    """
    listed = sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm)
    if listed > bounds.MAX_PDF_OBJECTS:
        raise OverLimit(_too_many_objects())
    found: dict[str, None] = {}
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    objects = 0
    try:
        while stack:
            obj = stack.pop()
            if isinstance(obj, IndirectObject):
                key = (obj.idnum, obj.generation)
                if key in seen:
                    continue
                seen.add(key)
                objects += 1
                if objects > bounds.MAX_PDF_OBJECTS:
                    raise OverLimit(_too_many_objects())
                obj = obj.get_object()
            if isinstance(obj, DictionaryObject):
                _judge(obj, found)
                stack.extend(obj.values())
            elif isinstance(obj, ArrayObject):
                stack.extend(obj)
    except OverLimit:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        raise Unreadable(str(e)) from e
    return list(found)


def _too_many_objects() -> str:
    return f"PDF中的对象超过{bounds.MAX_PDF_OBJECTS // 10_000}万个，无法检查。请重新扫描或导出为PDF后上传。"


def _judge(dictionary: DictionaryObject, found: dict[str, None]) -> None:
    for key in dictionary:
        if key in REFUSED_KEYS:
            found[REFUSED_KEYS[key]] = None
    action = dictionary.get("/S")
    if action in REFUSED_ACTIONS:
        found[REFUSED_ACTIONS[action]] = None
    for key in ("/Subtype", "/Type"):
        if dictionary.get(key) in REFUSED_SUBTYPES:
            found[REFUSED_SUBTYPES[dictionary.get(key)]] = None
    opening = dictionary.get("/OpenAction")
    if opening is not None:
        opening = opening.get_object()
        if isinstance(opening, DictionaryObject) and opening.get("/S") != "/GoTo":
            found["打开文件时自动执行的动作（OpenAction）"] = None


def scan_problem(data: bytes, limit: int, name: str, what: str) -> str | None:
    """Why a scanned or exported PDF (a stamped report, a tally sheet) cannot be kept, or None.

    It must really be a PDF (by content, not by name), at most `limit` bytes and
    bounds.MAX_PDF_PAGES pages, readable object by object, and without active content
    (`active_content`). `name` is what the person uploads ("盖章PDF"), `what` what it shows
    ("盖章后的报表"), for the messages."""
    if not data:
        return "上传的文件是空的。"
    if len(data) > limit:
        return f"{name}不能超过{limit // (1024 * 1024)}MB，请压缩后重新上传。"
    if not data.lstrip()[:5] == b"%PDF-":
        return f"上传的文件不是PDF。请将{what}扫描或导出为PDF再上传。"
    try:
        document = pdfium.PdfDocument(data)
        pages = len(document)
        document.close()
    except pdfium.PdfiumError:
        return "PDF文件已损坏或加密，无法打开，请重新导出后上传。"
    if pages == 0:
        return "PDF文件没有页面。"
    if pages > bounds.MAX_PDF_PAGES:
        return f"{name}有{pages}页，超过了{bounds.MAX_PDF_PAGES}页的上限，请只上传{what}。"
    try:
        found = active_content(open_pdf(data))
    except Unreadable:
        return "无法检查这个PDF的内容（文件有损坏，或设置了密码）：请取消密码，重新扫描或导出为PDF后上传。"
    except OverLimit as exc:
        return str(exc)
    if found:
        return (
            f"{name}中含有{'、'.join(found)}，为安全起见不能上传。"
            f"请用扫描仪扫描{what}，或由Word/WPS重新“导出为PDF”后上传。"
        )
    return None
