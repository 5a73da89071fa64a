"""400, 403 and 404 in Chinese, in the site's layout, with a way back; a favicon at /favicon.ico.
The test settings run with DEBUG off, as production does."""

from django.conf import settings
from django.urls import reverse


def test_the_tests_run_with_debug_off():
    assert settings.DEBUG is False


def test_a_missing_page_says_so_in_chinese_inside_the_sites_layout(client, cast):
    client.force_login(cast["lena"])
    response = client.get("/plans/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到这个页面" in html and '<header class="top">' in html
    assert f'href="{reverse("home")}">返回首页' in html
    assert "Not Found" not in html


def test_a_refused_page_says_so_in_chinese_inside_the_sites_layout(client, cast):
    client.force_login(cast["lena"])
    response = client.get(reverse("desk:review"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "没有权限查看这个页面" in html and '<header class="top">' in html
    assert "返回首页" in html and "Forbidden" not in html


def test_a_bad_request_says_so_in_chinese(client, db):
    response = client.get("/", headers={"host": "not-ours.example"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "请求有误" in html and "返回首页" in html


def test_the_favicon_answers(client, db):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:4] == (
        b"\x00\x00\x01\x00"  # an .ico
    )


def test_pages_link_the_favicon(client, cast):
    client.force_login(cast["lena"])
    assert 'rel="icon"' in client.get(reverse("notices")).content.decode()
