"""Headers every page carries."""

from django.urls import reverse


def test_every_page_has_a_strict_content_security_policy(client, cast):
    client.force_login(cast["cora"])
    response = client.get(reverse("plans:list"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_login_page_has_no_inline_script(client):
    page = client.get(reverse("login")).content.decode()
    assert "<script>" not in page and "<script " in page  # only the external htmx file
