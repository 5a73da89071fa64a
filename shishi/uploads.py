"""Uploads from old browsers: a file whose name was sent in GBK still arrives.

Old IE, WPS's built-in browser and some OA systems write a multipart part's header in the
page's encoding, GBK here (`filename="盖章.pdf"` as bytes that are not UTF-8). Django reads part
headers as UTF-8 only and skips a header it cannot decode, so the whole part is dropped: the
file never reaches `request.FILES` and the page says no file was chosen.

`LegacyFileNames`, first of settings.FILE_UPLOAD_HANDLERS, parses the body itself with Django's
own parser and the other handlers, over a stream in which each part's header lines that are not
UTF-8 are read as GB18030 (which holds GBK) and re-encoded as UTF-8; bytes even GB18030 cannot
read become U+FFFD. Only header lines are touched, never a part's content.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser

CHUNK = 64 * 1024
MAX_HEADERS = 64 * 1024  # a part's header block longer than this is passed on as it came
LEGACY_ENCODING = "gb18030"


class LegacyFileNames(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        others = [handler for handler in self.request.upload_handlers if handler is not self]
        return MultiPartParser(META, Utf8PartHeaders(input_data, boundary), others, encoding).parse()

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # never reached: the parsing above gives the data to the other handlers

    def file_complete(self, file_size):
        return None


class Utf8PartHeaders:
    """A multipart body as it is read, with its parts' header lines in UTF-8."""

    def __init__(self, stream, boundary: bytes):
        self._pieces = _repaired(iter(lambda: stream.read(CHUNK), b""), b"--" + boundary)
        self._ready = b""

    def read(self, size: int = -1) -> bytes:
        while size is None or size < 0 or len(self._ready) < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._ready += piece
        if size is None or size < 0:
            size = len(self._ready)
        out, self._ready = self._ready[:size], self._ready[size:]
        return out


def _repaired(chunks: Iterator[bytes], delimiter: bytes) -> Iterator[bytes]:
    """The body's bytes in order, each header block (from a delimiter to the blank line after it)
    with its lines made UTF-8. A delimiter split between two chunks is waited for."""
    buffer, in_headers, finished = b"", False, False
    while not finished:
        chunk = next(chunks, None)
        finished = chunk is None
        buffer += chunk or b""
        while buffer:
            if in_headers:
                end = buffer.find(b"\r\n\r\n")
                if end == -1 and not finished and len(buffer) <= MAX_HEADERS:
                    break  # the rest of the headers is in the next chunk
                if end == -1:  # no end of headers: not ours to mend
                    block, buffer = buffer, b""
                else:
                    block, buffer = _utf8_lines(buffer[:end]), buffer[end:]
                in_headers = False
                yield block
                continue
            at = buffer.find(delimiter)
            if at == -1:
                keep = 0 if finished else len(delimiter) - 1  # the start of a delimiter, maybe
                if len(buffer) > keep:
                    yield buffer[: len(buffer) - keep]
                    buffer = buffer[len(buffer) - keep :]
                break
            at += len(delimiter)
            yield buffer[:at]
            buffer, in_headers = buffer[at:], True


def _utf8_lines(block: bytes) -> bytes:
    """
    >>> _utf8_lines('Content-Disposition: form-data; name="f"; filename="盖章.pdf"'.encode("gbk")).decode()
    'Content-Disposition: form-data; name="f"; filename="盖章.pdf"'
    >>> _utf8_lines(b"\\r\\nContent-Type: application/pdf")
    b'\\r\\nContent-Type: application/pdf'
    """
    lines = block.split(b"\r\n")
    return b"\r\n".join(
        line if _is_utf8(line) else line.decode(LEGACY_ENCODING, "replace").encode() for line in lines
    )


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode()
    except UnicodeDecodeError:
        return False
    return True
