"""Signing in, and the throttle on repeated failures."""

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
    assert response.status_code == 302
    assert client.get(response.url).url == reverse("reporting:quarter")


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
def test_behind_nginx_the_address_is_the_real_ip_header_and_only_then(client, cast, settings, behind_proxy,
                                                                     locked_out_from_another_address):
    settings.SHISHI_BEHIND_PROXY = behind_proxy
    for _ in range(MAX_FAILURES):
        client.post(reverse("login"), {"username": "lena", "password": "nope"}, HTTP_X_REAL_IP="203.0.113.7")
    elsewhere = client.post(reverse("login"), {"username": "lena", "password": "pw"}, HTTP_X_REAL_IP="198.51.100.2")
    # Without a proxy in front, the header is the client's own word: it must not buy a fresh count.
    assert (elsewhere.status_code == 429) is locked_out_from_another_address
