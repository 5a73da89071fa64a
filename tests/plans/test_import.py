"""Importing a notice: upload, preview, corrections, unit matching, confirm."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from shishi.directory.models import Unit, UnitAlias
from shishi.history.models import Event
from shishi.plans.models import NoticeFile, Plan
from tests.plans.test_large_notice import form_as_a_browser_sends_it

SAMPLES = Path(__file__).parents[2] / "samples" / "notices"


def _upload(client, name="zichuan-2024.txt", data=None):
    data = data if data is not None else (SAMPLES / name).read_bytes()
    return client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})


def _preview_form(notice_file, **choices):
    """The preview form as the coordinator leaves it: everything as read, units chosen. The
    sample is 淄川区's notice imported by Cora for 桓台县, so she ticks that she means it
    (test_origin.py shows the refusal without the tick)."""
    data = {"action": "confirm", "other_region": "1"}
    names = list(dict.fromkeys(u for p in notice_file.draft["projects"] for u in p["units"]))
    for index, name in enumerate(names):
        data[f"unit-{index}"] = choices.get(name, "new")
    return data


def test_a_coordinator_uploads_previews_and_confirms_a_plan(client, world, cora):
    client.force_login(cora)
    response = _upload(client)
    notice_file = NoticeFile.objects.get()
    assert response.url == reverse("plans:preview", args=[notice_file.pk])
    assert notice_file.sha256 and notice_file.file.read() == (SAMPLES / "zichuan-2024.txt").read_bytes()

    page = client.get(response.url).content.decode()
    assert "推进巾帼就业创业创新" in page and "区人社局" in page
    assert "同一单位可能有两种写法" in page  # the reader's warning about 区教育局/区教体局

    response = client.post(response.url, _preview_form(notice_file))
    plan = Plan.objects.get()
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert (plan.year, plan.region, plan.doc_number) == (2024, world["huantai"], "川政办字〔2024〕13号")
    assert plan.projects.count() == 10
    assert [p.quarter for p in plan.periods.all()] == [1, 2, 3, 4]
    assert plan.periods.get(quarter=1).due_on.isoformat() == "2024-04-10"
    first = plan.projects.get(seq=1)
    assert [(a.unit.name, a.role) for a in first.assignments.select_related("unit")] == [
        ("区人社局", "lead"),
        ("区妇联", "partner"),
    ]
    assert [(t.indicator, t.op, t.value) for t in first.targets.all()] == [("举办线上线下招聘会", ">=", 60)]
    assert Event.objects.filter(verb="imported", plan_id=plan.pk).exists()


def test_the_coordinator_corrects_titles_units_and_targets_before_confirming(client, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    form = _preview_form(notice_file)
    form.update(
        {
            "p-0-title": "推进巾帼就业创业创新行动",
            "p-0-units": "区人社局、区妇联、区总工会",
            "p-0-t-0-value": "70",
            "p-0-t-new-indicator": "开展线上职业指导",
            "p-0-t-new-op": ">=",
            "p-0-t-new-value": "200",
            "p-0-t-new-unit": "人次",
            "p-4-t-1-delete": "1",
        }
    )
    client.post(reverse("plans:preview", args=[notice_file.pk]), {**form, "action": "save"})
    notice_file.refresh_from_db()
    client.post(reverse("plans:preview", args=[notice_file.pk]), _preview_form(notice_file))
    plan = Plan.objects.get()
    first = plan.projects.get(seq=1)
    assert first.title == "推进巾帼就业创业创新行动"
    assert [a.unit.name for a in first.assignments.select_related("unit")] == [
        "区人社局",
        "区妇联",
        "区总工会",
    ]
    assert [(t.indicator, t.value) for t in first.targets.all()] == [
        ("举办线上线下招聘会", 70),
        ("开展线上职业指导", 200),
    ]
    assert plan.projects.get(seq=5).targets.count() == 3  # one of four deleted


def test_a_bad_correction_is_refused_with_a_message_and_nothing_is_lost(client, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    before = notice_file.draft
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        {**_preview_form(notice_file), "p-0-t-0-value": "六十余"},
    )
    assert response.status_code == 400
    assert "第1项指标“举办线上线下招聘会”的目标值应填数字，而不是“六十余”" in response.content.decode()
    notice_file.refresh_from_db()
    assert notice_file.draft == before and not Plan.objects.exists()


def test_units_are_matched_exactly_by_alias_or_suggested_and_never_created_silently(client, world, cora):
    huantai = world["huantai"]
    education = Unit.objects.create(region=huantai, name="区教育和体育局")
    UnitAlias.objects.create(unit=education, name="区教体局")
    Unit.objects.create(region=huantai, name="区人力资源和社会保障局")
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    page = client.get(reverse("plans:preview", args=[notice_file.pk])).content.decode()
    assert "按别名对应" in page  # 区教体局 → 区教育和体育局
    assert "相近的单位" in page and "区人力资源和社会保障局（相似度" in page  # 区人社局 is only suggested

    incomplete = _preview_form(notice_file)
    for key, value in list(incomplete.items()):
        if value == "new":
            incomplete[key] = ""
    response = client.post(reverse("plans:preview", args=[notice_file.pk]), incomplete)
    assert response.status_code == 400 and "还没有对应到单位名录" in response.content.decode()
    assert not Plan.objects.exists() and Unit.objects.filter(region=huantai).count() == 2


def test_choosing_an_existing_unit_for_another_spelling_remembers_the_alias(client, world, cora):
    social = Unit.objects.create(region=world["huantai"], name="区人力资源和社会保障局")
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        _preview_form(notice_file, 区人社局=f"unit:{social.pk}"),
    )
    assert UnitAlias.objects.filter(unit=social, name="区人社局").exists()
    assert Plan.objects.get().projects.get(seq=4).assignments.get().unit == social


def test_importing_the_same_notice_twice_does_not_make_a_second_plan(client, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    client.post(reverse("plans:preview", args=[notice_file.pk]), _preview_form(notice_file))
    response = _upload(client)
    plan = Plan.objects.get()
    assert response.url == reverse("plans:detail", args=[plan.pk])
    assert NoticeFile.objects.count() == 1
    # Confirming the old preview again is harmless too.
    client.post(reverse("plans:preview", args=[notice_file.pk]), _preview_form(notice_file))
    assert Plan.objects.count() == 1


def test_the_same_notice_in_another_file_format_is_refused_with_a_message(client, cora):
    client.force_login(cora)
    _upload(client)
    first = NoticeFile.objects.get()
    client.post(reverse("plans:preview", args=[first.pk]), _preview_form(first))
    text = (SAMPLES / "zichuan-2024.txt").read_text(encoding="utf-8")
    _upload(client, "zichuan-2024-gbk.txt", text.encode("gb18030"))
    second = NoticeFile.objects.exclude(pk=first.pk).get()
    response = client.post(reverse("plans:preview", args=[second.pk]), _preview_form(second))
    assert response.status_code == 400 and "已经导入过" in response.content.decode()
    assert Plan.objects.count() == 1


def test_a_file_that_cannot_be_read_gets_one_message_and_creates_nothing(client, cora):
    client.force_login(cora)
    response = _upload(client, "通知.pdf", b"%PDF-1.7 broken")
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not NoticeFile.objects.exists() and not Plan.objects.exists()


def test_a_text_without_projects_is_refused(client, cora):
    client.force_login(cora)
    response = client.post(reverse("plans:import"), {"text": "各位同事：明天下午开会。"})
    assert response.status_code == 400 and "没有从文件中读出实事项目" in response.content.decode()
    assert not NoticeFile.objects.exists()


def test_pasted_text_is_imported_like_a_file(client, cora):
    client.force_login(cora)
    response = client.post(
        reverse("plans:import"), {"text": (SAMPLES / "gaoqing-2024.txt").read_text(encoding="utf-8")}
    )
    assert response.status_code == 302
    assert NoticeFile.objects.get().draft["doc_number"] == "高政办字〔2024〕9号"


def test_a_refused_correction_keeps_every_target_in_its_row_and_a_deletion_ticked(client, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    targets = notice_file.draft["projects"][4]["targets"]  # project 5 has four
    changes = {"action": "save", "p-4-t-1-delete": "1", "p-4-t-2-value": "许多"}
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]), {**_preview_form(notice_file), **changes}
    )
    assert response.status_code == 400
    page = html.fromstring(response.content.decode())
    assert page.xpath("//input[@name='p-4-t-1-delete']/@checked")  # still ticked, still its own row
    assert page.xpath("//input[@name='p-4-t-2-value']/@value") == ["许多"]
    assert page.xpath("//input[@name='p-4-t-3-indicator']/@value") == [targets[3]["indicator"]]
    notice_file.refresh_from_db()
    assert notice_file.draft["projects"][4]["targets"] == targets


def test_a_saved_correction_shows_the_new_target_as_a_row_and_an_empty_row_for_the_next(client, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    response = client.post(
        reverse("plans:preview", args=[notice_file.pk]),
        {
            **_preview_form(notice_file),
            "action": "save",
            "p-0-t-new-indicator": "开展线上职业指导",
            "p-0-t-new-value": "200",
            "p-0-t-new-unit": "人次",
        },
    )
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    assert page.xpath("//input[@name='p-0-t-1-indicator']/@value") == ["开展线上职业指导"]
    assert page.xpath("//input[@name='p-0-t-new-indicator']/@value") == [""]
    assert page.xpath("//select[@name='unit-0']/option[@selected]/@value") == ["new"]  # the choices stay


def test_each_unit_choice_stays_with_its_name_when_the_same_submit_changes_a_projects_units(
    client, world, cora
):
    """Dropping a unit from a project reorders the names; a choice read by position landed on
    the next name (高青县's notice: 县教育和体育局's choice went to 县妇联's projects)."""
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    url = reverse("plans:preview", args=[notice_file.pk])
    data = dict(form_as_a_browser_sends_it(client.get(url).content.decode(), "confirm"))
    projects = notice_file.draft["projects"]
    names = [data[f"unit-{i}-name"] for i in range(len([k for k in data if k.endswith("-name")]))]
    dropped = next(
        name
        for name in names[:-1]
        if sum(name in p["units"] for p in projects) == 1
        and len(next(p for p in projects if name in p["units"])["units"]) > 1
    )
    index = next(i for i, p in enumerate(projects) if dropped in p["units"])
    typed = [u for u in projects[index]["units"] if u != dropped]
    following = names[names.index(dropped) + 1]
    existing = Unit.objects.create(region=world["huantai"], name="区人力资源和社会保障局（已有）")
    for i, name in enumerate(names):
        data[f"unit-{i}"] = f"unit:{existing.pk}" if name == following else "new"
    data |= {f"p-{index}-units": "、".join(typed), "action": "confirm", "other_region": "1"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = Plan.objects.get()
    for n, item in enumerate(projects):
        wanted = typed if n == index else list(dict.fromkeys(item["units"]))
        got = [a.unit.name for a in plan.projects.get(seq=item["seq"]).assignments.select_related("unit")]
        assert got == [existing.name if name == following else name for name in wanted], item["title"]
    assert not UnitAlias.objects.exclude(unit=existing).filter(name=following).exists()


def test_two_names_of_one_project_chosen_as_one_unit_put_it_on_the_project_once(client, world, cora):
    client.force_login(cora)
    _upload(client)
    notice_file = NoticeFile.objects.get()
    item = next(p for p in notice_file.draft["projects"] if len(p["units"]) >= 2)
    first, second = item["units"][:2]
    existing = Unit.objects.create(region=world["huantai"], name="区某局")
    form = _preview_form(notice_file, **{first: f"unit:{existing.pk}", second: f"unit:{existing.pk}"})
    response = client.post(reverse("plans:preview", args=[notice_file.pk]), form)
    assert response.status_code == 302
    project = Plan.objects.get().projects.get(seq=item["seq"])
    team = [(a.unit.name, a.role) for a in project.assignments.select_related("unit")]
    assert team[0] == ("区某局", "lead") and [name for name, _ in team].count("区某局") == 1
