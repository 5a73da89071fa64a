"""The shared GB/T 9704 page: its doctests, and a document any app can start from."""

from __future__ import annotations

import datetime
import doctest
import io

from docx import Document
from docx.oxml.ns import qn

from shishi import gbt9704


def test_the_doctests_hold():
    assert doctest.testmod(gbt9704).failed == 0


def test_it_makes_a_standard_page_of_22_lines_of_28_characters():
    assert (gbt9704.lines_per_page(), gbt9704.characters_per_line()) == (22, 28)


def test_a_document_started_here_has_the_masthead_the_text_and_the_imprint():
    document = gbt9704.new_document("投票结果公告", "桓台县妇女儿童工作委员会办公室")
    gbt9704.masthead(
        document, "桓台县妇女儿童工作委员会办公室", "第2期", "桓台县妇儿工委办公室", "2024年1月5日"
    )
    gbt9704.title(document, "关于2024年民生实事候选项目投票结果的公告", space_before=2)
    gbt9704.body(document, "现将投票结果公告如下。")
    gbt9704.imprint(document, "桓台县妇儿工委办公室", "2024年1月5日")
    read = Document(io.BytesIO(gbt9704.save(document, datetime.date(2024, 1, 5))))
    texts = [p.text for p in read.paragraphs]
    assert texts[:3] == ["桓台县妇女儿童工作委员会办公室", "第2期", "桓台县妇儿工委办公室\t2024年1月5日"]
    assert "现将投票结果公告如下。" in texts
    box = read.element.body.find(".//" + qn("w:txbxContent"))
    lines = ["".join(t.text for t in p.iter(qn("w:t"))) for p in box.iter(qn("w:p"))]
    assert [line for line in lines if line] == ["桓台县妇儿工委办公室2024年1月5日印发"]  # no 抄送 line
    assert read.core_properties.title == "投票结果公告"


def test_the_same_document_gives_the_same_bytes():
    def made() -> bytes:
        document = gbt9704.new_document("通报", "办公室", datetime.datetime(2024, 1, 5, tzinfo=datetime.UTC))
        gbt9704.body(document, "正文")
        return gbt9704.save(document, datetime.date(2024, 1, 5))

    assert made() == made()
