"""Word 97-2003 (.doc), WPS (.wps) and RTF files, through LibreOffice when it is installed.

No pure-Python reader gets the text of a .doc right (tables, fields, fast-saved
files), so we either let LibreOffice convert it to .docx or ask the clerk to.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from shishi.notice.errors import NoticeError
from shishi.notice.load_docx import docx_text

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LEGACY_EXTENSIONS = {".doc", ".wps", ".rtf", ".dot", ".wpt"}
# LibreOffice's first start creates its profile and can take half a minute.
SOFFICE_TIMEOUT = 120

SAVE_AS_DOCX = (
    "无法直接读取 {kind} 格式的旧版 Word/WPS 文件。"
    "请用 Word 或 WPS 打开它，“另存为” .docx 格式后再上传，或导出为 PDF 后上传。"
)


def legacy_word_text(data: bytes, extension: str) -> str:
    kind = _ole2_kind(data) if data.startswith(OLE2) else "word"
    if kind == "encrypted":
        raise NoticeError("这个 Word 文件设置了打开密码，无法读取。请取消密码、另存为 .docx 后再上传。")
    if kind == "excel":
        raise NoticeError(
            "这个文件是 Excel 表格，不是通知。请上传通知本身：Word 文档（.docx）、PDF 或 TXT 文件。"
        )
    if kind == "powerpoint":
        raise NoticeError(
            "这个文件是 PowerPoint 演示文稿，不是通知。请上传通知本身：Word 文档（.docx）、PDF 或 TXT 文件。"
        )
    label = extension if extension in LEGACY_EXTENSIONS else ".doc"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise NoticeError(SAVE_AS_DOCX.format(kind=label))
    return docx_text(_convert_to_docx(soffice, data, label))


def _ole2_kind(data: bytes) -> str:
    # OLE2 directory entries carry UTF-16LE stream names; the first one found
    # tells a Word file from Excel, PowerPoint or an encrypted Office 2007+ file.
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage"):
        return "encrypted"
    if has("WordDocument"):
        return "word"
    if has("Workbook") or has("Book"):
        return "excel"
    if has("PowerPoint Document"):
        return "powerpoint"
    return "word"  # WPS and other word processors: let LibreOffice try


def _convert_to_docx(soffice: str, data: bytes, extension: str) -> bytes:
    failed = NoticeError(
        f"无法自动转换这个 {extension} 文件。请用 Word 或 WPS 打开它，“另存为” .docx 格式后再上传。"
    )
    with tempfile.TemporaryDirectory(prefix="shishi-soffice-") as folder:
        source = Path(folder) / f"notice{extension}"
        source.write_bytes(data)
        # A private profile: a second LibreOffice run on the same profile
        # (another upload, a clerk's desktop session) would wait or fail.
        profile = Path(folder, "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            # Its own session, so that a timeout kills soffice.bin too, not only the
            # wrapper script that started it.
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env={**os.environ, "HOME": folder},
                start_new_session=True,
            )
        except OSError as e:
            raise failed from e
        try:
            process.wait(timeout=SOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise failed from None
        converted = source.with_suffix(".docx")
        if not converted.is_file() or converted.stat().st_size == 0:
            raise failed
        return converted.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (AttributeError, OSError):  # no process groups (Windows), or already gone
        process.kill()
    process.wait()
