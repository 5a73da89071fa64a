"""More of 淄博市 for comparing: 淄博高新区's real 2023 notice beside 桓台县's (the `plan` fixture),
and 高青县's real 2021 and 2024 notices, all imported through the real import service."""

from __future__ import annotations

import pytest

from shishi.directory.models import Region
from shishi.plans.services import confirm_plan, draft_unit_names, read_notice_upload
from tests.conftest import SAMPLES


def import_sample(region, person, sample: str, replace: dict[str, str] | None = None):
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    notice_file = read_notice_upload(region, person, text.encode("utf-8"), sample)
    return confirm_plan(notice_file, person, {name: "new" for name in draft_unit_names(notice_file.draft)})


@pytest.fixture
def gaoxinqu(world):
    return Region.objects.create(
        name="淄博高新区", code="370390", level=Region.Level.COUNTY, parent=world["city"]
    )


@pytest.fixture
def gaoxinqu_plan(gaoxinqu, cast):
    return import_sample(gaoxinqu, cast["admin"], "gaoxinqu-2023.txt")


@pytest.fixture
def gaoqing_years(world, cast):
    """高青县's 2021 and 2024 plans, imported by Otto, its coordinator."""
    return [import_sample(world["gaoqing"], cast["otto"], f"gaoqing-{year}.txt") for year in (2021, 2024)]
