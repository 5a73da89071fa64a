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


def test_production_settings_pass_djangos_deployment_checks(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHISHI_", "DJANGO_"))}
    env.update(
        SHISHI_SECRET_KEY="x" * 60 + "production-like-secret-key",
        SHISHI_DATA_DIR=str(tmp_path),
        SHISHI_EMAIL_URL="smtp+tls://clerk:secret@smtp.example.invalid:587",
        SHISHI_ALLOWED_HOSTS="shishi.example.gov.cn",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).parents[1],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_mail_setting(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHISHI_", "DJANGO_"))}
    env.update(SHISHI_SECRET_KEY="x" * 60, SHISHI_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).parents[1],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "SHISHI_EMAIL_URL" in result.stderr
