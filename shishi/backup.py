"""`shishi backup FILE` and `shishi restore FILE`: the database and every uploaded file in one
archive, readable by either database engine (the data travels as Django's JSON fixtures, so a
SQLite backup restores into PostgreSQL and back).

The archive holds `manifest.json` (what is inside, with SHA-256 sums), `data.json` and `files/…`.
Restoring replaces everything: the database is emptied first and the files folder rebuilt.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

FORMAT = 1
# Rebuilt by Django on migrate; keeping them out lets a backup restore into a fresh database.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """An archive that cannot be restored; the message says why."""


def _files_on_this_disk() -> None:
    if not settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        # The bucket keeps its own versions and copies; an archive of it would be out of date at once.
        raise BackupError(
            "文件保存在对象存储（S3）中：请用存储服务的版本与复制功能备份文件，"
            "数据库用 pg_dump 备份（见 docs/deploy.md）。"
        )


def backup(path: str | Path) -> dict:
    """Write the archive and return its manifest."""
    _files_on_this_disk()
    payload = _dump().encode("utf-8")
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    manifest = {
        "format": FORMAT,
        "created": timezone.now().isoformat(),
        "data_sha256": hashlib.sha256(payload).hexdigest(),
        "counts": _counts(),
        "files": {str(p.relative_to(media).as_posix()): _sha256(p) for p in files},
    }
    with tarfile.open(path, "w:gz") as archive:
        _add_bytes(
            archive, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        )
        _add_bytes(archive, "data.json", payload)
        for file in files:
            archive.add(file, arcname=f"files/{file.relative_to(media).as_posix()}")
    return manifest


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a backup keeps them exact."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump() -> str:
    excluded = {label for label in EXCLUDED if "." not in label}
    models = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs() if config.label not in excluded],
        allow_cycles=True,
    )
    models = [
        m for m in models if m._meta.label_lower not in EXCLUDED and not m._meta.proxy and m._meta.managed
    ]
    objects = itertools.chain.from_iterable(
        m._base_manager.order_by(m._meta.pk.name).iterator() for m in models
    )
    return serializers.serialize("json", objects, use_natural_foreign_keys=True, cls=_ExactEncoder)


def restore(path: str | Path) -> dict:
    """Replace the database and the files with the archive's. Checks everything before it
    changes anything, so a damaged archive leaves the system as it was."""
    _files_on_this_disk()
    try:
        archive = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"无法打开备份文件：{error}") from None
    with archive, tempfile.TemporaryDirectory() as folder:
        manifest, payload = _read_checked(archive, Path(folder))
        staged = Path(folder) / "files"
        fixture = Path(folder) / "data.json"
        fixture.write_bytes(payload)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        media.mkdir(parents=True, exist_ok=True)
        if staged.exists():
            shutil.copytree(staged, media, dirs_exist_ok=True)
    return manifest


def _read_checked(archive: tarfile.TarFile, folder: Path) -> tuple[dict, bytes]:
    names = archive.getnames()
    if "manifest.json" not in names or "data.json" not in names:
        raise BackupError("这不是实事系统的备份文件（缺少 manifest.json 或 data.json）。")
    manifest = json.loads(archive.extractfile("manifest.json").read())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份文件格式 {manifest.get('format')} 与本系统（{FORMAT}）不符。")
    payload = archive.extractfile("data.json").read()
    if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
        raise BackupError("备份文件已损坏：数据校验不一致。")
    for member in archive.getmembers():
        if not member.name.startswith("files/") or not member.isfile():
            continue
        relative = PurePosixPath(member.name).relative_to("files")
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"备份文件中有不安全的路径：{member.name}")
        content = archive.extractfile(member).read()
        if hashlib.sha256(content).hexdigest() != manifest["files"].get(str(relative)):
            raise BackupError(f"备份文件已损坏：{relative} 校验不一致。")
        target = folder / "files" / Path(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    missing = set(manifest["files"]) - {
        str(PurePosixPath(n).relative_to("files")) for n in names if n.startswith("files/")
    }
    if missing:
        raise BackupError(f"备份文件不完整，缺少 {len(missing)} 个文件。")
    return manifest, payload


def _counts() -> dict[str, int]:
    """Rows per table of every shishi app (the selection's too): any app added later is counted
    without being named here."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("shishi.") and model._meta.managed and not model._meta.proxy
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))
