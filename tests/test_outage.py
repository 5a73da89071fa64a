"""A database that is briefly away gets a 503 that says nothing was saved, not a server error."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory

from shishi.outage import DatabaseOutageMiddleware


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
def test_a_lost_database_connection_gets_503_with_retry_after_and_a_page_in_chinese(error):
    middleware = DatabaseOutageMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().post("/reports/1/save/"), error)
    assert (
        response.status_code == 503
        and response["Retry-After"] == "15"
        and response["Cache-Control"] == "no-store"
    )
    page = response.content.decode()
    assert "系统暂时无法使用" in page and "没有保存" in page


def test_other_errors_are_left_to_djangos_own_handling():
    middleware = DatabaseOutageMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("a bug")) is None


def test_the_server_error_page_is_in_chinese_and_needs_no_database(settings):
    settings.DEBUG = False
    from django.views.defaults import server_error

    page = server_error(RequestFactory().get("/")).content.decode()
    assert "服务器内部错误" in page and "联系系统管理员" in page
