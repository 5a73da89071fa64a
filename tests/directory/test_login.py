"""Signing in, and the throttle on repeated failures."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from shishi.directory.throttle import MAX_FAILURES


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_person_signs_in_and_lands_where_their_work_is(client, cast):
    response = client.post(reverse("login"), {"username": "lena", "password": "pw"})
    assert response.status_code == 302 and response.url == reverse("home")
    assert "县教育体育局 · 待办" in client.get(response.url).content.decode()  # the clerk's home


def test_a_wrong_password_says_so(client, cast):
    response = client.post(reverse("login"), {"username": "lena", "password": "nope"})
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_too_many_failures_lock_the_name_even_with_the_right_password(client, cast):
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": "lena", "password": "nope"})
    response = client.post(reverse("login"), {"username": "lena", "password": "pw"})
    assert response.status_code == 429 and "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_name_and_address(client, cast):
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": "lena", "password": "nope"})
    assert client.post(reverse("login"), {"username": "pavel", "password": "pw"}).status_code == 302
    other = client.post(reverse("login"), {"username": "lena", "password": "pw"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_a_success_clears_the_count(client, cast):
    for _ in range(MAX_FAILURES - 1):
        client.post(reverse("login"), {"username": "lena", "password": "nope"})
    client.post(reverse("login"), {"username": "lena", "password": "pw"})
    client.logout()
    for _ in range(MAX_FAILURES - 1):
        client.post(reverse("login"), {"username": "lena", "password": "nope"})
    assert client.post(reverse("login"), {"username": "lena", "password": "pw"}).status_code == 302


@pytest.mark.parametrize("behind_proxy, locked_out_from_another_address", [(True, False), (False, True)])
def test_behind_nginx_the_address_is_the_real_ip_header_and_only_then(
    client, cast, settings, behind_proxy, locked_out_from_another_address
):
    settings.SHISHI_BEHIND_PROXY = behind_proxy
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": "lena", "password": "nope"}, HTTP_X_REAL_IP="203.0.113.7")
    elsewhere = client.post(
        reverse("login"), {"username": "lena", "password": "pw"}, HTTP_X_REAL_IP="198.51.100.2"
    )
    # Without a proxy in front, the header is the client's own word: it must not buy a fresh count.
    assert (elsewhere.status_code == 429) is locked_out_from_another_address


@pytest.mark.parametrize("typed", ["ｌｅｎａ", "LENA", "Ｌｅｎａ", " lena　", "ＬＥＮＡ"])
def test_the_lock_holds_however_the_name_is_typed(client, cast, typed):
    """Authentication reads ｌｅｎａ (full-width) as lena: failures under any spelling count for one name."""
    for _ in range(MAX_FAILURES - 1):
        client.post(reverse("login"), {"username": "lena", "password": "nope"})
    client.post(reverse("login"), {"username": typed, "password": "nope"})
    response = client.post(reverse("login"), {"username": "lena", "password": "pw"})
    assert response.status_code == 429
    locked = client.post(reverse("login"), {"username": typed, "password": "pw"})
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_a_full_width_name_signs_in_as_its_person(client, cast):
    """Why the lock must fold it: Django's log-in form NFKC-normalises the name."""
    response = client.post(reverse("login"), {"username": "ｌｅｎａ", "password": "pw"})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(cast["lena"].pk)


def test_the_admin_sites_log_in_is_the_throttled_one(client, cast):
    """Django's admin has a log-in page of its own, which knew nothing of the lock."""
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": "root", "password": "nope"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": "pw", "next": "/admin/"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response.url == reverse("login") + "?next=/admin/"
    assert client.post(response.url, {"username": "root", "password": "pw"}).status_code == 429


def test_the_admin_signs_in_through_the_log_in_page_and_lands_in_the_admin_site(client, cast):
    response = client.get("/admin/", follow=True)
    landing = urlsplit(response.redirect_chain[-1][0])
    assert landing.path == reverse("login") and parse_qs(landing.query) == {"next": ["/admin/"]}
    response = client.post(
        reverse("login") + "?next=/admin/", {"username": "root", "password": "pw", "next": "/admin/"}
    )
    assert response.url == "/admin/" and client.get("/admin/").status_code == 200
