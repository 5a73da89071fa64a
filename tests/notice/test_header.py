"""The header and signature: document number in its bracket variants, title, date, region."""

import pytest

from shishi.notice.header import find_issue_date, read_header, region_of


@pytest.mark.parametrize(
    "line, number, year",
    [
        ("桓政办字〔2023〕9号", "桓政办字〔2023〕9号", 2023),
        ("淄高新管办字[2023]5号", "淄高新管办字[2023]5号", 2023),
        ("某政办发（2022）12号", "某政办发（2022）12号", 2022),
        ("某政办发［2025］3号", "某政办发［2025］3号", 2025),
        (" 高政办字〔2024〕9号", "高政办字〔2024〕9号", 2024),
        ("某政办字【2021】 7 号", "某政办字【2021】7号", 2021),
    ],
)
def test_it_reads_the_document_number_in_every_bracket(line, number, year):
    header = read_header([line, "关于2023年为全县妇女儿童办实事的通知"])
    assert (header.doc_number, header.doc_year) == (number, year)


def test_it_joins_a_title_split_over_lines():
    header = read_header(
        ["淄川区人民政府办公室", "关于2024年为全区妇女儿童办好十件实事的", "通知", "各镇人民政府："]
    )
    assert header.title == "关于2024年为全区妇女儿童办好十件实事的通知"
    assert header.issuer == "淄川区人民政府办公室"
    assert header.title_year == 2024
    assert header.addressees == "各镇人民政府"


def test_it_splits_issuer_and_title_on_one_line():
    header = read_header(["桓台县人民政府办公室关于2023年为全县妇女儿童办实事的通知"])
    assert (header.issuer, header.title) == ("桓台县人民政府办公室", "关于2023年为全县妇女儿童办实事的通知")


def test_it_reads_addressees_wrapped_over_lines():
    lines = [
        "关于2024年为全县妇女儿童办实事的通知",
        "各镇人民政府，各街道办事处，县政府各",
        "部门，各有关单位：",
        "为进一步促进…",
    ]
    assert read_header(lines).addressees == "各镇人民政府，各街道办事处，县政府各部门，各有关单位"


def test_a_quoted_title_in_a_news_sentence_is_not_the_title():
    lines = [
        "我县印发实事通知",
        "近日，县政府办公室印发《关于2023年为全县妇女儿童办实事的通知》，",
        "桓台县人民政府办公室",
        "关于2023年为全县妇女儿童办实事的通知",
    ]
    header = read_header(lines)
    assert header.title == "关于2023年为全县妇女儿童办实事的通知"
    assert header.issuer == "桓台县人民政府办公室"


@pytest.mark.parametrize(
    "issuer, region",
    [
        ("桓台县人民政府办公室", "桓台县"),
        ("淄博高新技术产业开发区管理委员会办公室", "淄博高新区"),
        ("淄川区人民政府办公室", "淄川区"),
        ("济南市人民政府办公厅", "济南市"),
        ("某某经济技术开发区管理委员会", "某某经开区"),
    ],
)
def test_it_names_the_region_of_the_issuer(issuer, region):
    assert region_of(issuer) == region


@pytest.mark.parametrize(
    "lines, date",
    [
        (["高青县人民政府办公室", "2024年 5月 23日", "（此件公开发布）"], "2024-05-23"),
        (["淄博高新技术产业开发区管理委员会办公室", "               2023年3月29日       "], "2023-03-29"),
        (["某某市人民政府办公室", "二〇二五年二月十八日"], "2025-02-18"),
        (["抄送：县委各部门。", "淄川区人民政府办公室", "2024年3月28日印发"], "2024-03-28"),
        (["确保十件实事在2024年年底前完成。", "附件：2024年报表"], None),
        (["高青县人民政府办公室 2024年 5月 23日印发"], "2024-05-23"),
    ],
)
def test_it_finds_the_issue_date_and_ignores_dates_in_sentences(lines, date):
    assert find_issue_date(lines) == date
