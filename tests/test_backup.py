"""`shishi backup` and `shishi restore`: the demo database and its files, out and back, identical."""

import datetime
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command

from shishi.backup import BackupError, backup, restore
from shishi.cli import main
from shishi.demo.data import load_demo


def _state() -> tuple[str, dict]:
    """Every row of every shishi table, and every file with its hash."""
    models = [
        m for m in apps.get_models() if m.__module__.startswith("shishi.") or m._meta.app_label == "directory"
    ]
    rows = {m._meta.label: serializers.serialize("json", m.objects.order_by("pk")) for m in models}
    media = Path(settings.MEDIA_ROOT)
    files = {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in media.rglob("*")
        if p.is_file()
    }
    return json.dumps(rows, sort_keys=True), files


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    with time_machine.travel(
        datetime.datetime(2026, 11, 22, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=8))), tick=False
    ):
        load_demo()


def test_a_backup_restores_to_identical_data_and_files(demo, tmp_path):
    before = _state()
    assert before[1], "the demo has stamped PDFs and notices to back up"
    archive = tmp_path / "backup.tar.gz"
    backup(archive)
    call_command("flush", interactive=False, verbosity=0)
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.write_bytes(b"changed")
    restore(archive)
    after = _state()
    rows_before, rows_after = json.loads(before[0]), json.loads(after[0])
    assert [
        table for table in rows_before if rows_before[table] != rows_after[table]
    ] == []  # to the microsecond
    assert after[1] == before[1]


def test_the_command_refuses_to_restore_without_yes(demo, tmp_path, capsys):
    archive = tmp_path / "backup.tar.gz"
    assert main(["backup", str(archive)]) == 0
    assert main(["restore", str(archive)]) == 2
    assert "--yes" in capsys.readouterr().err


def _tamper(archive: Path, name: str, content: bytes) -> Path:
    damaged = archive.with_name("damaged.tar.gz")
    with tarfile.open(archive, "r:gz") as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""
            if member.name == name:
                data = content
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return damaged


@pytest.mark.parametrize("what", ["data.json", "a file"])
def test_a_damaged_archive_is_refused_and_changes_nothing(demo, tmp_path, what):
    archive = tmp_path / "backup.tar.gz"
    manifest = backup(archive)
    name = "data.json" if what == "data.json" else "files/" + next(iter(manifest["files"]))
    damaged = _tamper(archive, name, b"[]")
    before = _state()
    with pytest.raises(BackupError, match="损坏"):
        restore(damaged)
    assert _state() == before


def test_something_that_is_not_a_backup_is_refused(demo, tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(BackupError):
        restore(bogus)


def test_with_files_in_an_s3_bucket_backup_and_restore_say_what_to_use_instead(demo, tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    before = _state()
    for act in (backup, restore):
        with pytest.raises(BackupError, match="对象存储"):
            act(tmp_path / "archive.tar.gz")
    assert not (tmp_path / "archive.tar.gz").exists() and _state() == before


def test_the_manifest_counts_the_selections_tables_too(demo, tmp_path):
    """The proposals, candidates, votes and satisfaction votes are counted as every other table
    (the demo holds a whole cycle of them)."""
    counts = backup(tmp_path / "backup.tar.gz")["counts"]
    for table in (
        "selection.Proposal",
        "selection.Candidate",
        "selection.CandidateUnit",
        "selection.VoteSession",
        "selection.VoteLine",
        "selection.SatisfactionSession",
        "selection.RatingLine",
    ):
        assert counts[table] > 0, table
    assert "selection.SurveyResponse" in counts
    assert counts["directory.Person"] > 0 and counts["plans.Plan"] > 0
