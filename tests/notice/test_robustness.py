"""Any text gives a Notice; any bytes give a Notice or a NoticeError; nothing else escapes."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shishi.notice import Notice, NoticeError, load_notice, parse_notice

SAMPLES = sorted((Path(__file__).parents[2] / "samples" / "notices").glob("*.txt"))
# Text made of the pieces notices are made of, so that the fuzzer reaches deep paths.
PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "十、",
        "（一）",
        "1.",
        "第一件",
        "一是",
        "（责任单位：",
        "牵头单位：",
        "）",
        "（",
        "、",
        "，",
        "。",
        "；",
        "\n",
        "\t",
        "附件",
        "抄送：",
        "县教育局",
        "新建幼儿园",
        "6所",
        "85%以上",
        "1.8万人",
        "每季度末",
        "2024年5月23日",
        "〔2023〕9号",
        "关于",
        "的通知",
        "各有关单位：",
        "[bookmark: _GoBack]",
        "為婦女兒童辦實事",
        "报县妇儿工委办公室",
    ]
)
NOTICE_LIKE = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=80).map("".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), NOTICE_LIKE))
def test_any_text_gives_a_notice(text):
    notice = parse_notice(text)
    assert isinstance(notice, Notice)
    notice.to_dict()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=600), st.sampled_from([None, "a.txt", "a.pdf", "a.docx", "a.html", "a.doc", "a.wps"])
)
def test_any_bytes_give_a_notice_or_a_notice_error(data, filename):
    try:
        assert isinstance(load_notice(data, filename), Notice)
    except NoticeError as error:
        assert str(error)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_a_sample_cut_or_spliced_anywhere_still_parses(path, data):
    text = path.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    insert = data.draw(NOTICE_LIKE)
    parse_notice(text[:start] + insert + text[end:]).to_dict()
