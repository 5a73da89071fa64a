"""Files that no row refers to, and their removal.

A file and the row that refers to it cannot be written in one transaction: an upload stores the
file first and then commits the row (the other order would leave rows pointing at nothing). A
server killed in between, or a database that refuses the commit after the process died, leaves the
file with no row; so does a crash between replacing a draft's PDF and deleting the old one. Rather
than guess at every such window, one sweep removes every stored file that no file field of any
model names, once it is old enough that no upload in flight can still be about to commit it.
It also removes upload temporary files (Django's `tmp….upload…`) that a killed server left behind.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

GRACE = datetime.timedelta(hours=1)  # far longer than any upload takes from file write to commit


def referenced_names() -> set[str]:
    """Every file name stored in a file field of any model (historical copies included)."""
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.many_to_many and field.concrete:
                names.update(
                    model._default_manager.exclude(**{field.attname: ""})
                    .values_list(field.attname, flat=True)
                    .distinct()
                )
    names.discard(None)
    return names


def stored_names(folder: str = "") -> list[str]:
    """Every file in the default storage, through the storage API (a volume or object storage alike)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        found += stored_names(f"{folder}/{sub}" if folder else sub)
    return found


def orphan_files(older_than: datetime.timedelta = GRACE) -> list[str]:
    # Listed before the references are read: a file committed in between is then seen as referenced.
    stored = stored_names()
    referenced = referenced_names()
    cutoff = timezone.now() - older_than
    orphans = []
    for name in stored:
        if name in referenced:
            continue
        try:
            if default_storage.get_modified_time(name) > cutoff:
                continue
        except FileNotFoundError:  # removed meanwhile
            continue
        orphans.append(name)
    return sorted(orphans)


def stale_upload_files(older_than: datetime.timedelta = GRACE) -> list[Path]:
    """Django's temporary files for large uploads in progress, left behind by a killed server.
    A live upload keeps writing to its file, so an old modification time means nobody will."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir())
    cutoff = (timezone.now() - older_than).timestamp()
    stale = []
    for path in folder.glob("tmp*.upload*"):
        try:
            if path.is_file() and path.stat().st_mtime <= cutoff:
                stale.append(path)
        except FileNotFoundError:
            continue
    return sorted(stale)


def sweep(older_than: datetime.timedelta = GRACE, dry_run: bool = False) -> list[str]:
    """Remove orphan files and stale upload temporary files; return what was (or would be) removed."""
    removed = []
    for name in orphan_files(older_than):
        if not dry_run:
            default_storage.delete(name)
        removed.append(name)
    for path in stale_upload_files(older_than):
        if not dry_run:
            try:
                os.remove(path)
            except FileNotFoundError:
                continue
        removed.append(str(path))
    return removed
