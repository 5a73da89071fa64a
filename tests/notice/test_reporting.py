"""Closing rules: frequency, recipient, formats, contact, deadline, supervision."""

import pytest

from shishi.notice.reporting import read_reporting

HUANTAI = (
    "县妇儿工委办公室负责定期调度，各责任单位要于每季度末将实事进展情况电子版及盖章PDF版报县妇儿工委办公室"
    "（联系电话：8180012，协同办公邮箱：桓台县妇联）。"
)
GAOXINQU = (
    "要建立工作推进台账，每季度末将实事进展情况加盖公章后报组织人事部群团科"
    "（联系电话：3580430，邮箱：gxqzzrsbqtk@zb.shandong.cn）"
)
ZICHUAN = (
    "区政府督查室、区妇儿工委办公室要定期督促调度，确保十件实事在2024年年底前完成。各责任单位要认真组织实施，"
    "每季度末将实事进展情况电子版及盖章PDF版报区妇儿工委办公室（联系电话：5181763，协同办公邮箱：淄川区妇联）。"
)
GAOQING_2021 = (
    "为妇女儿童办实事工作将列入2021年县级督查内容。各责任单位要于每季度末将实事进展情况报县妇儿工委办公室"
    "（联系电话：6967116，邮箱：sdzbgqfl@163.com）。"
)
MONTHLY = (
    "各牵头单位每月25日前将进展情况纸质版报市妇儿工委办公室，联系电话：0533-1234567。"
    "确保2025年11月底前全部完成。"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            HUANTAI,
            ("quarterly", "县妇儿工委办公室", ["电子版", "盖章PDF版"], "8180012", None, None, False),
            id="huantai",
        ),
        pytest.param(
            GAOXINQU,
            (
                "quarterly",
                "组织人事部群团科",
                ["盖章版"],
                "3580430",
                "gxqzzrsbqtk@zb.shandong.cn",
                None,
                False,
            ),
            id="gaoxinqu",
        ),
        pytest.param(
            ZICHUAN,
            ("quarterly", "区妇儿工委办公室", ["电子版", "盖章PDF版"], "5181763", None, "2024-12-31", True),
            id="zichuan",
        ),
        pytest.param(
            GAOQING_2021,
            ("quarterly", "县妇儿工委办公室", [], "6967116", "sdzbgqfl@163.com", None, True),
            id="gaoqing-2021",
        ),
        pytest.param(
            MONTHLY,
            ("monthly", "市妇儿工委办公室", ["纸质版"], "0533-1234567", None, "2025-11-30", False),
            id="monthly",
        ),
    ],
)
def test_it_reads_the_reporting_rules(text, expected):
    r = read_reporting(text)
    assert (r.frequency, r.to, r.formats, r.phone, r.email, r.deadline, r.supervision) == expected


def test_an_office_name_given_as_email_is_not_an_email():
    assert read_reporting(HUANTAI).email is None


def test_it_reads_nothing_from_nothing():
    r = read_reporting("")
    assert (r.frequency, r.to, r.formats, r.phone, r.deadline, r.supervision) == (
        None,
        None,
        [],
        None,
        None,
        False,
    )
