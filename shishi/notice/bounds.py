"""How much work a file that anyone uploads may cost: the one list of bounds that every reader
of an uploaded file checks BEFORE it spends the work.

A small file can claim a great deal: a 5 KB .xlsx whose one merged range covers a million
rows, a 359 KB .docx whose table has 600,000 rows, a zip whose parts unpack to gigabytes.
So each reader measures what it is about to do with something cheap — the sizes a zip
declares (zipfile never unpacks more than it declared), the characters in an XML part,
the rows of a sheet counted while they stream past — and refuses, with a message for a
person, before the expensive step. Every bound is far above what a real file needs: the
real notices are 5–10 thousand characters with a form of 10–30 rows, a filled-in form has
a row per project and unit, and the forms this system exports are smaller still.

Pure Python, no Django: the notice reader, the form reader (documents/reading.py), the
implementation plan's file (reporting/ledger.py), the bulk CSV update (reporting/bulk.py) and the
stamped PDF check (reporting/services.py) all import their bounds from here.

    >>> check_text("关于为妇女儿童办实事的通知")
    '关于为妇女儿童办实事的通知'
"""

from __future__ import annotations

import io
import zipfile

from .errors import NoticeError

MiB = 1024 * 1024

# --- zip packages (.docx, .xlsx) -------------------------------------------------------------------
# A Word or Excel file has 10–60 parts; a few hundred pictures still fit.
MAX_ZIP_MEMBERS = 1_000
# Everything in the package as declared; real files with pictures are a few MB unpacked.
MAX_UNPACKED_BYTES = 64 * MiB
# One part of the package (a picture, a sheet).
MAX_MEMBER_BYTES = 32 * MiB
# One XML part that is parsed into a tree: a long notice's document.xml is under 2 MB.
MAX_XML_BYTES = 8 * MiB
# Elements and attributes of one XML (or HTML) document, counted as its "<" and "=" (every
# element starts with "<", every attribute has "="; text may only add to the count). A parsed
# node costs about 150 bytes, so this bounds the tree at about 100 MB. A 20-page notice saved
# by WPS has about 100,000.
MAX_XML_NODES = 600_000
# A web page's nodes cost more: the article is found by walking them in Python a few times.
# A government portal's page has 5,000–20,000.
MAX_HTML_NODES = 200_000

# --- tables --------------------------------------------------------------------------------------
# Rows of a table (all tables of a .docx, or one sheet of an .xlsx, counted to the last row
# with something in it). A whole plan's form has a row per project: tens, not thousands.
MAX_TABLE_ROWS = 2_000
# Columns read of a row; cells further right are not read at all (the form has 5–8).
MAX_COLUMNS = 64
# Cells of all the tables of a file.
MAX_CELLS = 100_000
# Merged ranges of a sheet; each one must lie within MAX_TABLE_ROWS × MAX_COLUMNS.
MAX_MERGED_RANGES = 5_000

# --- text ----------------------------------------------------------------------------------------
# Characters of a notice's text: a real one has 5,000–20,000, so a million is 50 real notices.
MAX_TEXT_CHARS = 1_000_000
# Bytes of a plain-text or web-page file before it is decoded: no encoding takes more than
# 4 bytes a character, and a page's markup and scripts are counted here too.
MAX_TEXT_BYTES = 4 * MiB  # at least 4 bytes for each of MAX_TEXT_CHARS
# A notice names 10–100 units (a township list of 200 projects maybe a few hundred). Every pair
# of names is compared for variants (checks.py), and every name is matched against the region's
# units on the preview page, so this bounds both. (How many projects a plan may have is the
# plan's rule: plans/services.py.)
MAX_UNIT_NAMES = 400

# --- PDF -----------------------------------------------------------------------------------------
MAX_PDF_PAGES = 200
# Objects a PDF may have for all of them to be checked, at about 60 µs each (a scanned 20-page
# report has a few hundred, a Word-made one a few thousand).
MAX_PDF_OBJECTS = 20_000

CHECK_FILE = "请确认上传的是正确的文件。"
CHECK_NOTICE = "请确认上传的是通知原文。"


class OverLimit(NoticeError):
    """A file past one of the bounds: the message says which one, for a person.

    A NoticeError, so that the notice reader lets it through as it is; the other readers
    catch it and raise their own error with the same message.
    """


def open_zip(data: bytes, hint: str = CHECK_FILE) -> zipfile.ZipFile:
    """The package, opened only when its directory lists few enough parts (zipfile builds an
    object for every entry as it opens); raises zipfile.BadZipFile for a broken one."""
    # Every entry of the central directory starts with this signature: counting it is an upper
    # bound of what zipfile would build, taken in C before zipfile reads any of it.
    if data.count(b"PK\x01\x02") > MAX_ZIP_MEMBERS:
        raise OverLimit(f"文件中的部件超过{MAX_ZIP_MEMBERS}个，无法读取。{hint}")
    archive = zipfile.ZipFile(io.BytesIO(data))
    try:
        check_zip(archive, hint)
    except BaseException:
        archive.close()
        raise
    return archive


def check_zip(archive: zipfile.ZipFile, hint: str = CHECK_FILE) -> None:
    """Refuse a package with too many parts or parts too large, by the sizes it declares.

    zipfile stops unpacking a part at its declared size (and fails on its CRC), so a part
    that lies about its size cannot unpack to more than it declared.
    """
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise OverLimit(f"文件中的部件超过{MAX_ZIP_MEMBERS}个，无法读取。{hint}")
    total = 0
    for member in members:
        if member.file_size > MAX_MEMBER_BYTES:
            raise OverLimit(
                f"文件中的“{_short(member.filename)}”解压后超过{_mb(MAX_MEMBER_BYTES)}，内容过多，无法读取。"
                f"{hint}"
            )
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        raise OverLimit(
            f"文件解压后超过{_mb(MAX_UNPACKED_BYTES)}，无法读取。请删除其中的图片等内容，另存后再上传。"
        )


def read_xml_member(archive: zipfile.ZipFile, name: str, hint: str = CHECK_FILE) -> bytes:
    """The bytes of one XML part, refused before unpacking when it declares too many, and
    before parsing when it holds too many elements."""
    size = archive.getinfo(name).file_size
    if size > MAX_XML_BYTES:
        raise OverLimit(f"文件中的“{_short(name)}”解压后超过{_mb(MAX_XML_BYTES)}，内容过多，无法读取。{hint}")
    data = archive.read(name)
    check_markup(data, hint)
    return data


def check_markup(data: bytes, hint: str = CHECK_FILE, max_nodes: int = MAX_XML_NODES) -> None:
    """Refuse XML or HTML that would parse into more than `max_nodes` nodes.

    >>> check_markup(b'<a b="1"><c/></a>')
    """
    if len(data) > MAX_XML_BYTES:
        raise OverLimit(f"文件内容超过{_mb(MAX_XML_BYTES)}，无法读取。{hint}")
    if data.count(b"<") + data.count(b"=") > max_nodes:
        raise OverLimit(f"文件中的元素超过{max_nodes // 10_000}万个，内容过多，无法读取。{hint}")


def check_rows(rows: int, hint: str = CHECK_FILE) -> None:
    if rows > MAX_TABLE_ROWS:
        raise OverLimit(f"表格超过{MAX_TABLE_ROWS}行，{hint}")


def check_cells(cells: int, hint: str = CHECK_FILE) -> None:
    if cells > MAX_CELLS:
        raise OverLimit(f"表格超过{MAX_CELLS // 10_000}万个单元格，{hint}")


def check_text(text: str) -> str:
    """The text of a notice, refused when it is far longer than any notice."""
    check_characters(len(text))
    return text


def check_characters(count: int) -> None:
    """Refuse text of `count` characters (counted while it is extracted) that no notice has."""
    if count > MAX_TEXT_CHARS:
        raise OverLimit(
            f"文件中的文字超过{MAX_TEXT_CHARS // 10_000}万字（一份通知一般只有几千字），不像是一份通知。"
            "请确认上传的是通知原文。"
        )


def check_notice(notice):
    """A parsed notice, refused when it names more units than any notice (each is a choice among
    the region's units on the preview page)."""
    names = {unit for project in notice.projects for unit in project.units}
    if notice.attachment:
        names.update(unit for row in notice.attachment.rows for unit in row.units)
    if len(names) > MAX_UNIT_NAMES:
        raise OverLimit(
            f"文件中读出了{len(names)}个责任单位，超过{MAX_UNIT_NAMES}个，不像是一份通知。{CHECK_NOTICE}"
        )
    return notice


def check_text_bytes(data: bytes) -> None:
    """Refuse a text or web-page file too large to hold a notice's text, before decoding it."""
    if len(data) > MAX_TEXT_BYTES:
        raise OverLimit(
            f"文件有{len(data) / MiB:.0f}MB，一份通知的文字不会超过{_mb(MAX_TEXT_BYTES)}"
            "（一般只有几十KB）。请确认上传的是通知原文。"
        )


def _mb(size: int) -> str:
    return f"{size // MiB}MB"


def _short(name: str) -> str:
    return name if len(name) <= 40 else "…" + name[-39:]
