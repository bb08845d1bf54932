"""Two gunicorn web processes sharing PostgreSQL and Redis behave as one site.

A rate limit reached through one holds on the other, a session made on one works on the
other, and a task queued by one is run by the worker. Runs on PostgreSQL with Redis (CI);
skipped elsewhere with the reason.
"""

import os
import re
import sys
import time
import uuid

import pytest
import redis
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import PASSWORD, ProfileFactory
from home.health import HEARTBEAT_KEY
from tests.processes import free_port, start, stop, wait_until_up

REDIS_URL = os.environ.get("MULTIPROCESS_REDIS_URL", "redis://127.0.0.1:6379/2")
# The processes share one database: a SQLite file is one machine's.
pytestmark = pytest.mark.postgresql


@pytest.fixture
def site_env(transactional_db):
    """The environment of the site's processes: dev settings on the pytest database and Redis."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the multi-process test on PostgreSQL with Redis: {exc}")
        pytest.skip(f"needs Redis at {REDIS_URL} ({exc})")
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "WEB_CONCURRENCY": "1",
        "ENV_FILE": os.devnull,
    }


@pytest.fixture
def two_web_processes(site_env, tmp_path):
    processes, urls = [], []
    try:
        for name in ("a", "b"):
            port = free_port()
            env = {**site_env, "PORT": str(port)}
            command = [sys.executable, "-m", "gunicorn", "mintkit_site.wsgi"]
            processes.append(start(command, env, tmp_path / f"{name}.log"))
            urls.append(f"http://127.0.0.1:{port}")
            wait_until_up(f"{urls[-1]}/healthz", processes[-1])
        yield urls
    finally:
        stop(processes)


@pytest.fixture
def tasks_worker(site_env, tmp_path):
    """The Procfile's worker (django-tasks-db) on the same database, polling every half second."""
    # A heartbeat left in Redis by an earlier run must not pass for this worker's.
    redis.Redis.from_url(REDIS_URL).delete(f"mintkit:1:{HEARTBEAT_KEY}")
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.5"]
    worker = start(command, site_env, tmp_path / "worker.log")
    try:
        yield worker
    finally:
        stop([worker])


def owner_with_a_real_password(**fields):
    """An owner whose password the web processes' own (not the tests' fast) hasher can check."""
    profile = ProfileFactory(**fields)
    profile.user.password = PBKDF2PasswordHasher().encode(PASSWORD, "multiprocess-salt")
    profile.user.save(update_fields=["password"])
    return profile


def log_in(session, url, email, password):
    """Post allauth's log-in form at ``url``; returns the response (redirects not followed)."""
    # One public host in front of both processes, as behind a load balancer: allauth's per-email
    # limit is keyed by the site's host, which would otherwise differ by port.
    session.headers["Host"] = "localhost"
    form = session.get(f"{url}/accounts/login/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return session.post(
        f"{url}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"{url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )


def ask_for_a_password_reset(url, email):
    """Post allauth's password reset form at ``url``: its email is queued as a task."""
    session = requests.Session()
    session.headers["Host"] = "localhost"
    form = session.get(f"{url}/accounts/password/reset/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return session.post(
        f"{url}/accounts/password/reset/",
        data={"csrfmiddlewaretoken": token, "email": email},
        headers={"Referer": f"{url}/accounts/password/reset/"},
        allow_redirects=False,
        timeout=10,
    )


def test_both_processes_share_the_cache_and_the_sessions(two_web_processes):
    a, b = two_web_processes
    for url in (a, b):
        assert requests.get(f"{url}/healthz", timeout=10).json()["cache"] == "ok"

    # A session made on A is a signed-in session on B.
    owner = owner_with_a_real_password(business_name=f"Shared Session Salon {uuid.uuid4().hex[:6]}")
    browser = requests.Session()
    assert log_in(browser, a, owner.user.email, PASSWORD).status_code == 302
    dashboard = browser.get(f"{b}/dashboard/", allow_redirects=False, timeout=10)
    assert dashboard.status_code == 200
    assert owner.business_name in dashboard.text

    # Failed log-ins counted on A refuse even the right password on B.
    target = owner_with_a_real_password()
    attacker = requests.Session()
    for _ in range(6):
        refused = log_in(attacker, a, target.user.email, "wrong password")
        assert refused.status_code == 200
    assert "Too many failed login attempts" in refused.text
    innocent = requests.Session()
    response = log_in(innocent, b, target.user.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text


def test_a_task_queued_by_one_process_is_run_by_the_worker(two_web_processes, tasks_worker):
    a, b = two_web_processes
    assert requests.get(f"{b}/healthz", timeout=10).json()["worker"]["status"] == "unknown"

    owner = owner_with_a_real_password()
    assert ask_for_a_password_reset(a, owner.user.email).status_code == 302
    queued = DBTaskResult.objects.filter(task_path="accounts.email_backend.deliver_email")
    assert queued.count() == 1  # queued by A, in the shared database

    deadline = time.monotonic() + 60  # the worker's boot under load, then a 0.5 s poll
    while not queued.successful().exists() and time.monotonic() < deadline:
        assert tasks_worker.poll() is None, "the worker exited"
        time.sleep(0.5)
    assert queued.successful().count() == 1, queued.values("status", "exception_class_path")
    # The worker's heartbeat reached Redis: B's health check sees it.
    worker = requests.get(f"{b}/healthz", timeout=10).json()["worker"]
    assert worker["status"] == "ok"
    assert worker["last_heartbeat_seconds_ago"] < 120
