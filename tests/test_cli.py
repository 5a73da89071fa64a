"""`shishi parse FILE`: JSON or a readable summary; exit 2 with one line when the file cannot be read."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from shishi.cli import main

SAMPLE = Path(__file__).parents[1] / "samples" / "notices" / "zichuan-2024.txt"


def test_it_prints_the_documented_json(capsys):
    assert main(["parse", str(SAMPLE)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "title",
        "issuer",
        "doc_number",
        "year",
        "issued_on",
        "region",
        "addressees",
        "projects",
        "reporting",
        "attachment",
        "warnings",
        "list_source",
    }
    assert data["doc_number"] == "川政办字〔2024〕13号"
    assert set(data["projects"][0]) == {
        "seq",
        "title",
        "body",
        "units",
        "lead_units",
        "theme",
        "targets",
        "category",
        "deadline_text",
        "deadline",
        "investment",
    }
    assert set(data["projects"][0]["targets"][0]) == {
        "text",
        "indicator",
        "op",
        "value",
        "unit",
        "kind",
        "span",
    }


def test_it_prints_a_summary_for_a_person(capsys):
    assert main(["parse", "--format", "text", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "关于2024年为全区妇女儿童办好十件实事的通知" in out
    assert "牵头单位：区人社局" in out and "配合单位：区妇联" in out
    assert "发放基本生活费" in out and "4210000" in out
    assert "区教育局" in out and "区教体局" in out  # the warning about the two spellings


@pytest.mark.parametrize(
    "content, name, words",
    [
        (b"", "empty.txt", "空"),
        (b"%PDF-1.4 this is not really a pdf", "broken.pdf", "PDF"),
    ],
)
def test_it_exits_2_with_one_line_when_the_file_cannot_be_read(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "shishi.cli", "parse", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "shishi.cli", "parse", str(tmp_path / "nope.docx")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "nope.docx" in result.stderr
