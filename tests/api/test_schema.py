"""The OpenAPI schema is valid, and generated requests (schemathesis) never make a server error.

Schemathesis calls the WSGI application in-process, inside the test's database transaction, as
Lena (whose token may write her unit's drafts), with a bounded number of examples so that the
whole run stays well under a minute.
"""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from shishi.api.tokens import create_token
from shishi.reporting.services import start_report

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis is a test dependency (see pyproject.toml)"
)
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

EXAMPLES = 8  # per operation and mode: about 15 seconds in all


def test_the_openapi_schema_is_valid(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    schema = schemathesis.openapi.from_dict(document)
    schema.validate()  # against the OpenAPI meta-schema
    assert document["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    paths = set(document["paths"])
    assert {
        "/api/plans",
        "/api/reports/{report_id}",
        "/api/reports/{report_id}/draft",
        "/api/reports/{report_id}/stamped-pdf",
        "/api/reports/{report_id}/submit",
    } <= paths


def test_the_documentation_page_needs_no_cdn_and_no_inline_script(client, db):
    page = client.get("/api/docs").content.decode()
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # only external scripts and a JSON data block
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()
    assert client.get("/api/docs/assets/..%2F..%2F__init__.py").status_code == 404


@pytest.fixture
def lenas_token(cast, q1):
    start_report(cast["lena"].unit, q1)  # something real to read and write
    return create_token(cast["lena"], "schemathesis")[1]


@pytest.fixture
def keep_the_test_connection():
    """The raw WSGI app closes "old" connections after each request, which would close the test's
    transaction on PostgreSQL; Django's test client disconnects the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_generated_requests_never_make_a_server_error(cast, q1, mode, keep_the_test_connection):
    """Every operation, with data that fits the schema and data that does not. The failures of
    all operations are collected and named, not just the first."""
    start_report(cast["lena"].unit, q1)  # something real for Lena's token to read and write
    token = create_token(cast["lena"], "schemathesis")[1]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # Every built-in check (no server error, status codes, content types and bodies as documented,
            # invalid data refused, authentication not ignored…) but one: data valid by the schema may
            # still name a project or target that is not in the report, which is rightly refused (422).
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance]
            )

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - every operation's failure is reported below
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
