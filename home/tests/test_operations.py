"""Operational surface: health check, production settings' safety gates."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

PROJECT = Path(__file__).resolve().parents[2]
REALISTIC_PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.production",
    "SECRET_KEY": "kq3!v9x#p2m@z7r$w4t&y8u*e1o(i5a)s6d^f0g-h_j+k=l;c:b<n>m?q/w.e,r",
    "MINTKIT_SHARED_SECRET": "shared-secret-for-the-studio-handoff-0123456789",
    "ALLOWED_HOSTS": "hub.mintkit.co.uk",
    "CSRF_TRUSTED_ORIGINS": "https://hub.mintkit.co.uk",
    "SITE_URL": "https://hub.mintkit.co.uk",
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_PUBLIC_KEY": "pk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
    "AWS_STORAGE_BUCKET_NAME": "mintkit-media",
}


def run_manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in REALISTIC_PRODUCTION_ENV}
    clean.pop("STRIPE_API_BASE", None)
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_healthz_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_503_when_database_unreachable(client, caplog):
    with mock.patch(
        "home.health.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "database did not answer" in caplog.text


def test_check_deploy_reports_no_issues_with_realistic_production_environment():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=REALISTIC_PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "MINTKIT_SHARED_SECRET"])
def test_production_refuses_to_start_without_required_secret(missing):
    env = {k: v for k, v in REALISTIC_PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_production_refuses_debug():
    result = run_manage("check", env={**REALISTIC_PRODUCTION_ENV, "DEBUG": "true"})
    assert result.returncode != 0
    assert "DEBUG must be false in production" in result.stderr


def test_production_refuses_the_offline_stripe_stand_in():
    env = {**REALISTIC_PRODUCTION_ENV, "STRIPE_API_BASE": "http://127.0.0.1:12111"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "offline Stripe stand-in" in result.stderr


def test_production_refuses_a_short_studio_secret():
    result = run_manage("check", env={**REALISTIC_PRODUCTION_ENV, "MINTKIT_SHARED_SECRET": "short"})
    assert result.returncode != 0
    assert "at least 32 characters" in result.stderr


def test_production_keeps_uploads_in_the_bucket():
    code = "from django.conf import settings; print(settings.STORAGES['default'])"
    result = run_manage("shell", "-c", code, env=REALISTIC_PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "storages.backends.s3.S3Storage" in result.stdout
    assert "'bucket_name': 'mintkit-media'" in result.stdout


def test_production_without_a_media_bucket_refuses_to_start():
    env = {k: v for k, v in REALISTIC_PRODUCTION_ENV.items() if k != "AWS_STORAGE_BUCKET_NAME"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME is not set" in result.stderr


def test_transaction_pooling_turns_off_what_needs_one_session_per_connection():
    code = (
        "from django.db import connection; from raw_sql.prepared import may_prepare; "
        "print(connection.settings_dict.get('DISABLE_SERVER_SIDE_CURSORS'), "
        "may_prepare(connection))"
    )
    database = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}
    pooled = run_manage(
        "shell",
        "-c",
        code,
        env={**REALISTIC_PRODUCTION_ENV, **database, "DATABASE_TRANSACTION_POOLING": "true"},
    )
    direct = run_manage("shell", "-c", code, env={**REALISTIC_PRODUCTION_ENV, **database})
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.splitlines()[-1].split() == ["True", "False"]
    assert direct.returncode == 0, direct.stderr
    assert direct.stdout.splitlines()[-1].split() == ["False", "True"]
