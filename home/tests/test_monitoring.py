"""Request ids in logs and responses; Sentry only with a DSN, and without personal data."""

import json
import logging

import pytest

from home.monitoring import drop_personal_data
from home.request_logging import JsonFormatter, RequestIdFilter

from .test_operations import REALISTIC_PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db


def test_herokus_request_id_is_echoed_and_on_the_request_log_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="mintkit.requests"):
        response = client.get("/billing/plans/", HTTP_X_REQUEST_ID="4f2c9a1e-heroku-id")
    assert response["X-Request-ID"] == "4f2c9a1e-heroku-id"
    record = next(r for r in caplog.records if r.name == "mintkit.requests")
    assert record.request_id == "4f2c9a1e-heroku-id"
    assert record.status == 200 and record.path == "/billing/plans/"
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "4f2c9a1e-heroku-id"
    assert line["status"] == 200 and line["method"] == "GET"


def test_without_a_usable_request_id_one_is_made(client):
    made = client.get("/", HTTP_X_REQUEST_ID="bad id\nwith a newline")["X-Request-ID"]
    assert len(made) == 36 and "\n" not in made
    assert client.get("/")["X-Request-ID"] != made


def test_log_lines_outside_a_request_say_so():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_sentry_events_lose_bodies_cookies_queries_and_user_details():
    event = {
        "request": {
            "url": "https://hub.example/dashboard/profile/",
            "data": {"business_name": "Bloom", "contact_email": "a@b.co"},
            "cookies": {"sessionid": "x"},
            "query_string": "q=someone@example.com",
        },
        "user": {"id": 7, "email": "a@b.co", "ip_address": "1.2.3.4"},
    }
    cleaned = drop_personal_data(event, {})
    assert cleaned["request"] == {"url": "https://hub.example/dashboard/profile/"}
    assert cleaned["user"] == {"id": 7}


def test_production_sets_up_sentry_only_with_a_dsn():
    code = "import sentry_sdk; print('sentry on' if sentry_sdk.is_initialized() else 'sentry off')"
    off = run_manage("shell", "-c", code, env=REALISTIC_PRODUCTION_ENV)
    assert "sentry off" in off.stdout, off.stderr
    dsn = {"SENTRY_DSN": "https://public@o0.ingest.sentry.io/0"}
    on = run_manage("shell", "-c", code, env={**REALISTIC_PRODUCTION_ENV, **dsn})
    assert "sentry on" in on.stdout, on.stderr
    code = "from sentry_sdk import get_client; print(get_client().options['send_default_pii'])"
    assert (
        "False" in run_manage("shell", "-c", code, env={**REALISTIC_PRODUCTION_ENV, **dsn}).stdout
    )
