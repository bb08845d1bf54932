"""Browser journeys: a real Hub (and its stand-ins) in subprocesses, driven by real Chromium.

The server runs exactly as the README's run command runs it (development settings, its own
database), so these tests see what a newcomer would see. Screenshots of every step land in
``artifacts/e2e/`` for CI to keep.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from tests.processes import PROJECT, free_port, stop, wait_until_up
from tests.processes import start as start_process

ARTIFACTS = PROJECT / "artifacts" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def e2e_database_url():
    """A fresh database for the browser run: beside DATABASE_URL's on PostgreSQL, else SQLite."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        import psycopg2

        parsed = urlparse(base)
        name = f"{parsed.path.lstrip('/') or 'postgres'}_e2e"
        admin = psycopg2.connect(urlunparse(parsed._replace(path="/postgres")))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        return urlunparse(parsed._replace(path=f"/{name}"))
    folder = tempfile.mkdtemp(prefix="mintkit-e2e-")
    return f"sqlite:///{folder}/e2e.sqlite3"


class Hub:
    """The running site under test, plus a way to run management code against its database."""

    def __init__(self, url, env, studio_url):
        self.url = url
        self.env = env
        self.studio_url = studio_url  # the offline Studio stand-in

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code)


@pytest.fixture(scope="session")
def chromium_path():
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium is required in CI but is missing at {CHROMIUM}.")
    pytest.skip(f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def hub(chromium_path, tmp_path_factory):
    port = free_port()
    stripe_port = free_port()
    studio_port = free_port()
    url = f"http://127.0.0.1:{port}"
    studio_url = f"http://127.0.0.1:{studio_port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.dev",
        "DATABASE_URL": e2e_database_url(),
        "SITE_URL": url,
        "DEBUG": "true",
        "FAKE_STRIPE_PORT": str(stripe_port),
        "STRIPE_API_BASE": f"http://127.0.0.1:{stripe_port}",
        "HUB_WEBHOOK_URL": f"{url}/billing/webhook/",
        "FAKE_STUDIO_PORT": str(studio_port),
        "MINTKIT_STUDIO_URL": f"{studio_url}/",
        "MINTKIT_STUDIO_WEBHOOK_URL": f"{studio_url}/webhooks",
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    site = Hub(url, env, studio_url)
    # Screenshots and logs of this run only.
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    logs = tmp_path_factory.mktemp("logs")
    processes = []

    def start(log_name, command, answers_at=None):
        """``manage.py <command>`` in the background, its output in ``log_name``; then, if it
        serves a health check at ``answers_at``, wait until it answers."""
        processes.append(
            start_process([sys.executable, "manage.py", *command], env, logs / log_name)
        )
        if answers_at:
            wait_until_up(answers_at, processes[-1])

    try:
        # The offline Stripe stand-in first, then the plans' prices in it, as bin/run does.
        start(
            "stripe.log",
            ["fake_stripe", "--port", str(stripe_port), "--state-file", ""],
            answers_at=f"http://127.0.0.1:{stripe_port}/healthz",
        )
        site.manage("sync_stripe_plans")
        start(
            "web.log",
            ["runserver", "--noreload", f"127.0.0.1:{port}"],
            answers_at=f"{url}/healthz",
        )
        # The offline Studio stand-in, as bin/run starts it.
        start(
            "studio.log",
            ["fake_studio", "--port", str(studio_port)],
            answers_at=f"{studio_url}/healthz",
        )
        # The tasks worker, as bin/run starts it: search-index updates and emails run there.
        start("worker.log", ["db_worker", "--queue-name", "*", "--interval", "0.2"])
        yield site
    finally:
        stop(processes, timeout=10)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for log in logs.iterdir():
            shutil.copy(log, ARTIFACTS / log.name)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def is_report_only(console_text):
    """Chromium's words for a violation it only reported (the admins' report-only policy)."""
    return "policy is report-only" in console_text or "[Report Only]" in console_text


class Journey:
    """One browser context with numbered, named screenshots of each step."""

    def __init__(self, browser, hub, name):
        self.context = browser.new_context(
            base_url=hub.url, viewport={"width": 1280, "height": 900}
        )
        self.context.set_default_timeout(15_000)
        # Every console message that reports a Content-Security-Policy violation, on any page.
        self.csp_violations = []
        self.context.on("console", self._record_csp_violation)
        self.page = self.context.new_page()
        self.folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.step_number = 0

    def _record_csp_violation(self, message):
        if "Content Security Policy" in message.text:
            where = message.page.url if message.page else "?"
            self.csp_violations.append(f"{where}: {message.text}")

    def enforced_csp_violations(self):
        """Violations the browser acted on. The admins' report-only findings are kept as a log."""
        reported = [v for v in self.csp_violations if is_report_only(v)]
        if reported:
            (self.folder / "csp-report-only.txt").write_text("\n".join(reported) + "\n")
        return [v for v in self.csp_violations if not is_report_only(v)]

    def snap(self, step):
        self.step_number += 1
        slug = re.sub(r"[^\w]+", "-", step.lower()).strip("-")
        self.page.screenshot(
            path=str(self.folder / f"{self.step_number:02d}-{slug}.png"), full_page=True
        )

    def close(self):
        self.context.close()


@pytest.fixture
def journey(browser, hub, request):
    journeys = []

    def open_journey(label="main"):
        journeys.append(Journey(browser, hub, f"{request.node.name}-{label}"))
        return journeys[-1]

    yield open_journey
    violations = [v for item in journeys for v in item.enforced_csp_violations()]
    for item in journeys:
        item.close()
    assert violations == [], "the Content-Security-Policy blocked something:\n" + "\n".join(
        violations
    )
