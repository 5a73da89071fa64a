"""Hostile files: real notices as .docx, .pdf and .html, damaged at random, never crash the reader.

Random bytes (test_robustness.py) stop at the first check of a loader; a real file with a few
bytes changed goes through the zip, the XML, the PDF objects and the HTML tree before anything
breaks, which is where a careless loader lets an exception out. Every case must end in a Notice
or a NoticeError with a message for the person who uploaded it.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shishi.notice import Notice, NoticeError, load_notice
from tests.notice.documents import make_docx, make_html, make_pdf, sample

FUZZ = settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@cache
def originals() -> dict[str, bytes]:
    text = sample("huantai-2023.txt")
    return {"通知.docx": make_docx(text), "通知.pdf": make_pdf(text), "通知.html": make_html(text)}


def read(data: bytes, filename: str | None) -> None:
    try:
        assert isinstance(load_notice(data, filename), Notice)
    except NoticeError as error:
        assert str(error).strip()


@st.composite
def damaged(draw, data: bytes) -> bytes:
    """Some of: bytes overwritten, a span cut out, a span repeated, the end torn off."""
    damaged = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, max(len(damaged) - 1, 0)))
        how = draw(st.sampled_from(["overwrite", "cut", "repeat", "truncate"]))
        size = draw(st.integers(1, 64))
        if how == "overwrite":
            damaged[where : where + size] = draw(st.binary(min_size=size, max_size=size))
        elif how == "cut":
            del damaged[where : where + size]
        elif how == "repeat":
            damaged[where:where] = damaged[where : where + size]
        else:
            del damaged[where:]
    return bytes(damaged)


@pytest.mark.slow
@FUZZ
@given(st.sampled_from(["通知.docx", "通知.pdf", "通知.html"]), st.data())
def test_a_real_file_with_damaged_bytes_gives_a_notice_or_a_clear_refusal(filename, data):
    bad = data.draw(damaged(originals()[filename]))
    read(bad, data.draw(st.sampled_from([filename, None])))  # with and without its name to go by


def _rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.slow
@settings(FUZZ, max_examples=300)
@given(st.data())
def test_a_word_file_whose_xml_is_damaged_inside_a_sound_zip_gives_a_notice_or_a_clear_refusal(data):
    # A sound zip gets past the container check, so the damage reaches the XML readers.
    with zipfile.ZipFile(io.BytesIO(originals()["通知.docx"])) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    target = data.draw(st.sampled_from(sorted(parts)))
    parts[target] = data.draw(damaged(parts[target]))
    if data.draw(st.booleans()):
        parts.pop(data.draw(st.sampled_from(sorted(parts))))
    read(_rezip(parts), "通知.docx")
