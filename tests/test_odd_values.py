"""Nothing typed where a number belongs breaks a page: odd values in every URL pattern with a
number or an id in its path, and in every query or form field that names one, answer below 500
(a 404, or a 400 with a Chinese message), for every member of the cast and an anonymous visitor.

The scene and the table of cases are test_permissions': every named URL with real arguments
and, for a POST, real data. Here one argument at a time is replaced by an odd value, the others
kept real, so that the odd one reaches as deep into the view as it can. A POST is sent without
a CSRF token (the test client's default), so that it reaches the view.

Every role meets each case where it is allowed with every odd value; where it is refused, with
a few values in turn (the refused roles between them try every value), which keeps the file
fast while every pattern and every field meets every value.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from json import dumps
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter

from shishi.api.tokens import create_token
from tests.test_permissions import ANONYMOUS, CASES, WHO, Case, finish

# What people (and robots) type where a number belongs, each for a reason.
ODD = {
    "superscript-two": "²",  # "²".isdigit() is True, int("²") fails
    "ethiopic-one": "፩",  # the same
    "arabic-indic-three": "٣",  # isdecimal(), and int() reads it as 3
    "5000-digits": "9" * 5000,  # int() refuses more than 4,300 digits
    "minus-one": "-1",
    "zero": "0",
    "2**31": str(2**31),  # past a 32-bit column
    "2**63-1": str(2**63 - 1),  # the largest bigint: well formed, and no row has it
    "2**63": str(2**63),  # past a bigint: SQLite overflows
    "twenty-nines": "9" * 20,
}
TYPED = ODD | {"empty": "", "decimal": "1.5", "spaces": " 1 "}  # a form field can also be these

# Query and form fields that name a number, where each is read: (case of test_permissions, field),
# or (case, field, other fields that make the view read it).
FIELDS = [
    ("public:index", "year"),
    ("public:index_elder", "year"),
    ("public:plan", "q"),
    ("public:plan_elder", "q"),
    ("oversight:project", "q"),
    ("exports:plan-reports-csv", "quarter"),
    ("exports:job_start", "plan"),
    ("reporting:save-pavels-draft", "revision"),
    ("reporting:ledger-POST-pavels", "revision"),
    ("supervision:plan-POST-q1", "project"),
    ("supervision:plan-POST-q1", "unit"),
    ("plans:import-POST", "region"),
    ("plans:preview-POST-pending-notice", "year"),
    ("plans:preview-POST-pending-notice", "due_days"),
    ("plans:preview-POST-pending-notice", "unit-0", {"action": "confirm"}),  # "unit:<id>", a name's unit
]
# The REST API's query and JSON fields that name a number: (method, path made from the scene, field,
# the JSON body made from the scene and the value, for a PUT or POST).
DRAFT, SUBMIT = (
    (lambda s: f"/api/reports/{s['draft'].pk}/draft"),
    (lambda s: f"/api/reports/{s['draft'].pk}/submit"),
)
REST_FIELDS = [
    *(
        ("GET", lambda s: "/api/reports", field, None)
        for field in ("plan_id", "quarter", "unit_id", "limit", "offset")
    ),
    ("PUT", DRAFT, "revision", lambda s, v: {"revision": v, "lines": []}),
    ("PUT", DRAFT, "project_id", lambda s, v: {"revision": 0, "lines": [{"project_id": v}]}),
    (
        "PUT",
        DRAFT,
        "target_id",
        lambda s, v: {
            "revision": 0,
            "lines": [{"project_id": s["project"].pk, "values": [{"target_id": v, "value": "1"}]}],
        },
    ),
    ("POST", SUBMIT, "revision", lambda s, v: {"revision": v}),
]
# Every case also gets all of these at once: a field read somewhere no one listed above.
KNOWN_FIELDS = (
    "year",
    "q",
    "quarter",
    "period",
    "revision",
    "project",
    "unit",
    "plan",
    "region",
    "page",
    "number",
)
REFUSED_SHARE = 3  # odd values a refused role tries per argument
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    """A URL pattern as a whole ("plans/<id:pk>/board/<quarter:quarter>/"), with its numeric arguments."""

    route: str
    name: str
    numeric: tuple[str, ...]

    def path(self, values: dict[str, str]) -> str:
        return "/" + PARAMETER.sub(lambda m: quote(values[m["name"]], safe=""), self.route)


def routes(patterns=None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern of the project with an argument that names a number: an int converter
    (or one made from it), or an id taken as text (the REST API's `{report_id}`, the admin's object_id)."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            continue
        converters = getattr(pattern.pattern, "converters", {})
        numeric = tuple(
            name
            for name, converter in converters.items()
            if isinstance(converter, IntConverter) or name.endswith("_id")
        )
        if numeric:
            found.append(Route(prefix + str(pattern.pattern), namespace + (pattern.name or ""), numeric))
    return found


def share(values: dict[str, str], allowed: bool, turn: int) -> dict[str, str]:
    """All the values for a role the case allows; a few, taken in turn, for one it refuses (each
    role starts where the one before it stopped, so that between them they try every value)."""
    if allowed:
        return values
    keys = list(values)
    return {key: values[key] for key in (keys[(turn + i) % len(keys)] for i in range(REFUSED_SHARE))}


class Sender:
    """Sends one request as one member of the cast, each in a transaction rolled back afterwards
    (so that each meets the scene as it was), and writes down every answer of 500 or worse."""

    def __init__(self, client, who: str, scene: dict):
        self.client, self.who, self.scene = client, who, scene
        self.failures: list[str] = []
        self.sent = 0
        self.answers: Counter[int] = Counter()  # status → how many: that the walk got past the doors
        self.turn = WHO.index(who) * REFUSED_SHARE  # where this role's share of the values starts
        self._data: dict[str, dict] = {}

    def data(self, case: Case) -> dict:
        """The case's form data, made once; its files given afresh to each request."""
        if case.name not in self._data:
            made = case.data(self.scene)
            self._data[case.name] = {
                k: (v.name, v.read(), v.content_type) if isinstance(v, SimpleUploadedFile) else v
                for k, v in made.items()
            }
        return {
            k: SimpleUploadedFile(*v) if isinstance(v, tuple) else v for k, v in self._data[case.name].items()
        }

    def send(
        self, label: str, method: str, path: str, data: dict | None = None, json: dict | None = None, **extra
    ) -> None:
        self.sent += 1
        try:
            with transaction.atomic():
                if json is not None:
                    response = self.client.generic(
                        method, path, dumps(json), content_type="application/json", **extra
                    )
                elif method == "GET":
                    response = self.client.get(path, data or {}, **extra)
                elif method == "POST":
                    response = self.client.post(path, data or {}, **extra)
                else:
                    response = self.client.generic(
                        method, path, b"{}", content_type="application/json", **extra
                    )
                finish(response)
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 (the test client re-raises what the view raised: that is the finding)
            self.failures.append(
                f"{label}: {method} {path[:120]} raised {type(exc).__name__}: {str(exc)[:160]}"
            )
            return
        self.answers[response.status_code] += 1
        if response.status_code >= 500:
            self.failures.append(f"{label}: {method} {path[:120]} answered {response.status_code}")


def allows(case: Case, who: str) -> bool:
    return case.public or who in case.allowed or who in case.locked


def walk_paths(sender: Sender) -> None:
    """Each numeric argument of each case's URL, in turn, replaced by each odd value."""
    seen = set()
    for turn, case in enumerate(CASES):
        path = urlsplit(case.url(sender.scene)).path
        match = resolve(path)
        key = (match.route, case.method)
        if key in seen:
            continue
        seen.add(key)
        real = {name: str(value) for name, value in match.captured_kwargs.items()}
        route = numeric_routes().get(match.route)
        for name in route.numeric if route else ():
            for label, value in share(ODD, allows(case, sender.who), turn + sender.turn).items():
                data = sender.data(case) if case.method == "POST" else None
                sender.send(
                    f"{case.name} {name}={label}", case.method, route.path(real | {name: value}), data
                )


@functools.cache
def numeric_routes() -> dict[str, Route]:
    return {route.route: route for route in routes()}


def walk_fields(sender: Sender) -> None:
    cases = {case.name: case for case in CASES}
    for turn, (name, field, *also) in enumerate(FIELDS):
        case, also = cases[name], also[0] if also else {}
        path = case.url(sender.scene)
        for label, value in share(TYPED, allows(case, sender.who), turn + sender.turn).items():
            if field.startswith("unit-"):
                value = f"unit:{value}"
            if case.method == "POST":
                sender.send(
                    f"{name} {field}={label}", "POST", path, sender.data(case) | also | {field: value}
                )
            else:
                sender.send(f"{name} {field}={label}", "GET", f"{path}?{urlencode({field: value})}")


def walk_every_case_with_every_field(sender: Sender) -> None:
    labels = list(ODD)
    for turn, case in enumerate(CASES):
        label = labels[(turn + sender.turn) % len(labels)]
        fields = {field: ODD[label] for field in KNOWN_FIELDS}
        path = urlsplit(case.url(sender.scene)).path
        if case.method == "POST":
            sender.send(f"{case.name} all fields={label}", "POST", path, sender.data(case) | fields)
        else:
            sender.send(f"{case.name} all fields={label}", "GET", f"{path}?{urlencode(fields)}")


def token(sender: Sender, cast) -> dict:
    """The member's own token for the REST API; none for an anonymous visitor."""
    if sender.who == ANONYMOUS:
        return {}
    _, raw = create_token(cast[sender.who], "奇怪的值")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def walk_unlisted_routes(sender: Sender, headers: dict) -> None:
    """The REST API's and the admin's patterns, which test_permissions leaves out: the other
    arguments given as 1."""
    for turn, route in enumerate(numeric_routes().values()):
        if route.name.startswith("api:rest:"):
            methods, allowed = ("GET", "POST", "PUT"), sender.who != ANONYMOUS
        elif route.name.startswith("admin:") or route.route.startswith("admin/"):
            methods, allowed = ("GET",), sender.who in ("admin", ANONYMOUS)
        else:
            continue
        for name in route.numeric:
            for label, value in share(ODD, allowed, turn + sender.turn).items():
                path = route.path({m["name"]: "1" for m in PARAMETER.finditer(route.route)} | {name: value})
                for method in methods:
                    sender.send(f"{route.name or route.route} {name}={label}", method, path, **headers)


def walk_rest_fields(sender: Sender, headers: dict) -> None:
    for turn, (method, path, field, body) in enumerate(REST_FIELDS):
        url = path(sender.scene)
        for label, value in share(ODD, sender.who != ANONYMOUS, turn + sender.turn).items():
            if method == "GET":
                sender.send(f"REST {field}={label}", "GET", f"{url}?{urlencode({field: value})}", **headers)
                continue
            # In JSON both as it was typed and, where it reads as one, as a number.
            for sent in [value] + ([int(value)] if re.fullmatch(r"-?[0-9]{1,4300}", value) else []):
                sender.send(
                    f"REST {field}={label} as {type(sent).__name__}",
                    method,
                    url,
                    json=body(sender.scene, sent),
                    **headers,
                )


@pytest.mark.slow
@pytest.mark.parametrize("who", WHO)
def test_odd_numbers_never_break_a_page(client, cast, scene, who, caplog, monkeypatch):
    caplog.set_level(logging.CRITICAL, logger="django.request")  # thousands of 404s, each logged
    # Each request is rolled back, but a file it deleted would stay deleted: the next request
    # would find the report pointing at no file (a missing file is another test's subject).
    monkeypatch.setattr(default_storage, "delete", lambda name: None)
    if who != ANONYMOUS:
        client.force_login(cast[who])
    sender = Sender(client, who, scene)
    walk_paths(sender)
    walk_fields(sender)
    walk_every_case_with_every_field(sender)
    headers = token(sender, cast)
    walk_unlisted_routes(sender, headers)
    walk_rest_fields(sender, headers)
    assert sender.sent > 300 and sender.answers[200] > 0  # a page shown: the walk got past the doors
    assert not sender.failures, f"{len(sender.failures)} of {sender.sent} broke:\n" + "\n".join(
        sender.failures
    )


def test_every_pattern_with_a_number_in_its_path_is_walked(scene):
    """A new pattern is walked as soon as test_permissions has a case for it."""
    walked = {resolve(urlsplit(case.url(scene)).path).route for case in CASES}
    # The selection's routes are walked with the app, in tests/selection/test_odd_values.py (its
    # counts as XLSX, served by the api app, in tests/api/test_selection_api.py).
    unlisted = {
        r.route
        for r in routes()
        if r.name.startswith(("api:rest:", "selection:", "api:tally_xlsx")) or r.route.startswith("admin/")
    }
    assert {r.route for r in routes()} - walked - unlisted == set()


# -- what answered 500 before, each by name, with neighbours that already answered well ----------------

BIG = 2**63  # one past a bigint
REPORTED = [
    # (who, method, url made from the scene, form data made from the scene, status, words on the page)
    pytest.param(
        None, "GET", lambda s: "/public/?year=²", None, 200, "", id="public-index-year-superscript-two"
    ),
    pytest.param(
        None, "GET", lambda s: "/public/?year=" + "9" * 5000, None, 200, "", id="public-index-5000-digit-year"
    ),
    pytest.param(
        None,
        "GET",
        lambda s: "/public/999999999999999999999999999999/",
        None,
        404,
        "",
        id="public-plan-30-digit-id",
    ),
    pytest.param(None, "GET", lambda s: f"/public/{BIG}/", None, 404, "", id="public-plan-id-past-bigint"),
    pytest.param(
        None, "GET", lambda s: f"/public/{BIG - 1}/", None, 404, "", id="public-plan-largest-bigint"
    ),
    pytest.param(
        "cora", "GET", lambda s: f"/plans/{BIG}/board/1/", None, 404, "", id="board-plan-id-past-bigint"
    ),
    pytest.param(
        "cora",
        "GET",
        lambda s: f"/plans/{s['plan'].pk}/board/{BIG}/",
        None,
        404,
        "",
        id="board-quarter-past-bigint",
    ),
    pytest.param(
        "cora",
        "GET",
        lambda s: f"/plans/{s['plan'].pk}/projects/{BIG}/",
        None,
        404,
        "",
        id="project-page-project-id-past-bigint",
    ),
    pytest.param(
        "cora",
        "GET",
        lambda s: f"/plans/{s['plan'].pk}/projects/{s['project'].pk}/?q=²",
        None,
        200,
        "",
        id="project-page-quarter-superscript-two",
    ),
    pytest.param(
        "cici",
        "GET",
        lambda s: f"/compare/{BIG}/2023/themes/",
        None,
        404,
        "",
        id="comparison-region-past-bigint",
    ),
    pytest.param(
        "cici",
        "GET",
        lambda s: f"/compare/{s['city'].pk}/99999/themes/",
        None,
        404,
        "",
        id="comparison-year-out-of-range",
    ),
    pytest.param(
        "pavel",
        "POST",
        lambda s: f"/reports/{s['draft'].pk}/save/",
        lambda s: {"revision": "²"},
        409,
        "已被他人修改并保存",
        id="report-save-revision-superscript-two",
    ),
    pytest.param(
        "sam",
        "POST",
        lambda s: f"/supervision/plans/{s['plan'].pk}/1/",
        lambda s: {"project": "abc", "unit": s["lenas_unit"].pk, "reason": "逾期", "reply_by": "2030-01-01"},
        400,
        "请选择要督办的实事和责任单位",
        id="supervision-project-abc",
    ),
    pytest.param(
        "sam",
        "POST",
        lambda s: f"/supervision/plans/{s['plan'].pk}/1/",
        lambda s: {"project": s["lenas_project"].pk, "unit": "٣", "reason": "逾期", "reply_by": "2030-01-01"},
        400,
        "请选择要督办的实事和责任单位",
        id="supervision-unit-arabic-indic-three",
    ),
    pytest.param(
        "cora",
        "POST",
        lambda s: f"/plans/import/{s['pending'].pk}/",
        lambda s: {"action": "confirm", "unit-0": "unit:²"},
        400,
        "还没有对应到单位名录",
        id="import-preview-unit-choice-superscript-two",
    ),
]


@pytest.mark.parametrize("who, method, url, data, status, words", REPORTED)
def test_what_answered_500_now_answers_with_a_page(
    client, cast, scene, who, method, url, data, status, words
):
    if who:
        client.force_login(cast[who])
    send = client.post if method == "POST" else client.get
    response = send(url(scene), data(scene) if data else {})
    assert response.status_code == status
    assert words in response.content.decode()
