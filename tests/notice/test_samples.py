"""The five real notices against their hand-checked golden JSON (tests/notice/golden/).

The golden files are the specification: every line was read against the notice by a person.
Each section is its own case, so a failure names the sample and the part that moved.
To accept a deliberate change, regenerate with `python -m tests.notice.test_samples` and
review the diff line by line before committing it.
"""

import json
from pathlib import Path

import pytest

from shishi.notice import parse_notice

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "samples" / "notices").glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden"
HEADER = ("title", "issuer", "doc_number", "year", "issued_on", "region", "addressees")


def _parsed(name: str) -> dict:
    return parse_notice((ROOT / "samples" / "notices" / f"{name}.txt").read_text(encoding="utf-8")).to_dict()


def _golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _cases():
    for path in SAMPLES:
        golden = _golden(path.stem)
        yield pytest.param(path.stem, "header", id=f"{path.stem}-header")
        for index, project in enumerate(golden["projects"]):
            yield pytest.param(path.stem, ("projects", index), id=f"{path.stem}-project-{project['seq']}")
        for part in ("reporting", "attachment", "warnings"):
            yield pytest.param(path.stem, part, id=f"{path.stem}-{part}")


def _part(data: dict, part):
    if part == "header":
        return {key: data[key] for key in HEADER}
    if isinstance(part, tuple):
        return data[part[0]][part[1]] if part[1] < len(data[part[0]]) else None
    return data[part]


@pytest.mark.parametrize("name, part", list(_cases()))
def test_it_reads_the_sample_as_checked_by_hand(name, part):
    assert _part(_parsed(name), part) == _part(_golden(name), part)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_it_finds_exactly_the_projects_of_the_golden_file(path):
    assert len(_parsed(path.stem)["projects"]) == len(_golden(path.stem)["projects"])


def test_every_target_span_slices_its_text_from_the_body():
    for path in SAMPLES:
        for project in _parsed(path.stem)["projects"]:
            for target in project["targets"]:
                start, end = target["span"]
                assert project["body"][start:end] == target["text"]


if __name__ == "__main__":
    for path in SAMPLES:
        (GOLDEN / f"{path.stem}.json").write_text(
            json.dumps(_parsed(path.stem), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
