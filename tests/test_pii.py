"""Personal data in text meant for the public: what is found, and what must not be."""

import pytest

from shishi.pii import (
    find_personal_data,
    id_check_character,
    is_id_card_number,
    looks_like_id_card_number,
)

FOUND = [
    # text, kind, what is reported
    pytest.param(
        "困难家庭张某，身份证370321198506120033，已救助。",
        "id_card",
        "370321198506120033",
        id="id-18-valid-checksum",
    ),
    pytest.param("身份证号11010519491231002X", "id_card", "11010519491231002X", id="id-18-check-x"),
    pytest.param("身份证号11010519491231002x。", "id_card", "11010519491231002x", id="id-18-lowercase-x"),
    pytest.param("370322200002294562", "id_card", "370322200002294562", id="id-18-leap-day"),
    pytest.param("老证号370321850612003仍在使用", "id_card", "370321850612003", id="id-15-old-form"),
    pytest.param(
        "身份证３７０３２１１９８５０６１２００３３",
        "id_card",
        "３７０３２１１９８５０６１２００３３",
        id="id-full-width-digits",
    ),
    pytest.param("联系电话13812345678", "mobile", "13812345678", id="mobile-plain"),
    pytest.param("手机：138 1234 5678", "mobile", "138 1234 5678", id="mobile-spaced"),
    pytest.param("手机：138-1234-5678。", "mobile", "138-1234-5678", id="mobile-dashed"),
    pytest.param("请拨+86 13912345678咨询", "mobile", "+86 13912345678", id="mobile-plus86"),
    pytest.param("请拨+86-139-1234-5678咨询", "mobile", "+86-139-1234-5678", id="mobile-plus86-dashed"),
    pytest.param("请拨008619912345678", "mobile", "008619912345678", id="mobile-0086"),
    pytest.param("手机19912345678。", "mobile", "19912345678", id="mobile-199"),
    pytest.param("手机１５９１２３４５６７８", "mobile", "１５９１２３４５６７８", id="mobile-full-width"),
    pytest.param("发送至 wang.li+report@zibo.gov.cn 。", "email", "wang.li+report@zibo.gov.cn", id="email"),
    pytest.param("邮箱：htfet@163.com", "email", "htfet@163.com", id="email-after-chinese-colon"),
    pytest.param("邮箱：htfet＠163.com", "email", "htfet＠163.com", id="email-full-width-at"),
]

# Bugs caught: an 18-digit ID number with a wrong check character passed as ordinary text. Mistyped
# by a digit or altered on purpose, it still points at a person (issue 12).
FOUND_WRONG_CHECK_CHARACTER = [
    pytest.param("身份证370321198506120034。", "id_card", "370321198506120034", id="id-18-wrong-check-digit"),
    pytest.param("身份证号37032119850612003X", "id_card", "37032119850612003X", id="id-18-x-where-3-belongs"),
    pytest.param("11010519491231002０号", "id_card", "11010519491231002０", id="id-18-0-where-x-belongs"),
    pytest.param(
        "张某（３７０３２１１９８５０６１２００３４）",
        "id_card",
        "３７０３２１１９８５０６１２００３４",
        id="id-18-full-width-wrong",
    ),
    pytest.param("370322200002294561", "id_card", "370322200002294561", id="id-18-leap-day-wrong"),
]

NOT_FOUND = [
    # 18 digits, not shaped as an ID number: no date of birth in digits 7-14, or none that exists.
    pytest.param("370321198513120031", id="id-18-no-13th-month"),
    pytest.param("370321198502300031", id="id-18-no-30th-february"),
    pytest.param("370321209912310012", id="id-18-born-in-the-future"),
    pytest.param("370321170001010012", id="id-18-born-before-1800"),
    pytest.param("037032119850612003", id="id-18-region-code-starting-with-0"),
    pytest.param("项目编码370321ZX2023040100", id="project-code-with-letters"),
    pytest.param("账号6222021602001234567", id="bank-account-19-digits"),
    pytest.param("370321850632003", id="id-15-no-32nd-day"),
    pytest.param("咨询电话0533-8180012", id="landline-with-area-code"),
    pytest.param("电话8180012", id="landline-seven-digits"),
    pytest.param("2023年完成筛查1.8万人，18000人次", id="years-and-counts"),
    pytest.param("2023年12月31日前完成", id="dates"),
    pytest.param("资金4210000元，编号20230401001", id="money-and-serial-numbers"),
    pytest.param("12812345678", id="mobile-network-12-does-not-exist"),
    pytest.param("138123456789", id="twelve-digits-are-not-a-mobile"),
    pytest.param("订单号9913812345678", id="mobile-inside-a-longer-number"),
    pytest.param("桓政办字〔2023〕9号", id="document-number"),
    pytest.param("@县妇联 请补充", id="at-mention-is-not-an-email"),
]


@pytest.mark.parametrize("text, kind, found", FOUND + FOUND_WRONG_CHECK_CHARACTER)
def test_it_finds_personal_data(text, kind, found):
    findings = find_personal_data(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]
    assert text[findings[0].start :].startswith(found)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_it_leaves_ordinary_numbers_alone(text):
    assert find_personal_data(text) == []


def test_it_reports_everything_in_order_and_an_id_number_once():
    text = "王某，370321198506120033，电话13812345678，邮箱a@b.cn；另一位11010519491231002X。"
    assert [f.kind for f in find_personal_data(text)] == ["id_card", "mobile", "email", "id_card"]


@pytest.mark.parametrize(
    "first17, check",
    [
        ("11010519491231002", "X"),  # the example in GB 11643
        ("37032119850612003", "3"),
        ("37032220000229456", "2"),
    ],
)
def test_the_check_character_follows_iso_7064_mod_11_2(first17, check):
    assert id_check_character(first17) == check
    assert is_id_card_number(first17 + check)
    assert not is_id_card_number(first17 + ("0" if check != "0" else "1"))


def test_a_date_of_birth_in_the_future_is_not_an_id_number():
    number = "37032120991231001"
    assert not is_id_card_number(number + id_check_character(number))


def test_a_wrong_check_character_fails_the_strict_test_but_keeps_the_shape():
    assert not is_id_card_number("370321198506120034")
    assert looks_like_id_card_number("370321198506120034")
