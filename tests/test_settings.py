"""Settings read from the environment: what a deployment of several app servers sets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import listening

ROOT = Path(__file__).parents[1]
SHOW = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.storage import default_storage
print(json.dumps({"cache": settings.CACHES["default"], "storage": settings.STORAGES["default"],
                  "jobs": settings.SHISHI_JOBS, "cache_class": type(caches["default"]).__name__,\
 "probe": PROBE}))
"""


def settled(tmp_path, probe: str = "None", **variables) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHISHI_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        SHISHI_SECRET_KEY="x" * 60,
        SHISHI_DATA_DIR=str(tmp_path),
        SHISHI_EMAIL_URL="none",
        DJANGO_SETTINGS_MODULE="shishi.settings",
        **variables,
    )
    return subprocess.run(
        [sys.executable, "-c", SHOW.replace("PROBE", probe)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_by_default_one_server_keeps_its_cache_in_memory_files_on_disk_and_runs_exports_in_threads(tmp_path):
    shown = json.loads(settled(tmp_path).stdout)
    assert shown["cache"]["BACKEND"].endswith("LocMemCache")
    assert shown["storage"]["BACKEND"].endswith("FileSystemStorage")
    assert shown["jobs"] == "thread"


@pytest.mark.skipif(not listening(6379), reason="no Redis on 127.0.0.1:6379")
def test_a_redis_url_gives_every_app_server_the_same_cache(tmp_path):
    url = "redis://127.0.0.1:6379/5"
    writer = settled(tmp_path, probe="cache.set('shared-probe', 42, 30) or 'set'", SHISHI_CACHE_URL=url)
    reader = settled(tmp_path, probe="cache.get('shared-probe')", SHISHI_CACHE_URL=url)
    assert json.loads(writer.stdout)["cache_class"] == "RedisCache", writer.stderr
    assert json.loads(reader.stdout)["probe"] == 42  # another process saw it


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"SHISHI_CACHE_URL": "memcached://127.0.0.1:11211"}, "SHISHI_CACHE_URL must start with redis://"),
        ({"SHISHI_JOBS": "celery"}, "SHISHI_JOBS must be thread or worker"),
    ],
)
def test_a_setting_it_cannot_use_stops_the_start_with_a_clear_message(tmp_path, variables, message):
    result = settled(tmp_path, **variables)
    assert result.returncode != 0 and message in result.stderr


def test_a_bucket_name_moves_files_to_private_s3_compatible_storage(tmp_path):
    shown = json.loads(
        settled(
            tmp_path,
            SHISHI_S3_BUCKET="shishi-files",
            SHISHI_S3_ENDPOINT_URL="https://oss.example.invalid",
            SHISHI_S3_REGION="cn-east-1",
        ).stdout
    )
    assert shown["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = shown["storage"]["OPTIONS"]
    assert (
        options["bucket_name"] == "shishi-files" and options["endpoint_url"] == "https://oss.example.invalid"
    )
    assert (
        options["default_acl"] is None
        and options["querystring_auth"] is True
        and options["file_overwrite"] is False
    )
