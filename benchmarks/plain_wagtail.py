"""The issue's yardstick for a cold page: a fresh `wagtail start` site's home page, served alike.

It is made from Wagtail's own project template in a temporary folder, on its own PostgreSQL
database next to the benchmark's, with its production settings, and served by gunicorn exactly as
the Hub is (bin/bench's SERVING_OPTIONS), so "≥ 1.0× plain Wagtail" is measured in the same run,
not assumed.
"""

import os
import subprocess
import tempfile
from pathlib import Path

PLAIN_PORT = int(os.environ.get("BENCH_PLAIN_PORT", "12181"))

LOCAL_SETTINGS = """\
import dj_database_url

SECRET_KEY = "bench-only-plain-wagtail"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": dj_database_url.parse({database_url!r}, conn_max_age=600)}}
"""


def build(venv_bin, database_url):
    """A migrated `wagtail start` project in a temporary folder; returns its folder."""
    folder = Path(tempfile.mkdtemp(prefix="bench-plain-wagtail-"))
    subprocess.run(
        [str(venv_bin / "wagtail"), "start", "plainsite", str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (folder / "plainsite" / "settings" / "local.py").write_text(
        LOCAL_SETTINGS.format(database_url=database_url)
    )
    env = plain_env()
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [str(venv_bin / "python"), "manage.py", *command],
            cwd=folder,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return folder


def plain_env():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
    }
    env["DJANGO_SETTINGS_MODULE"] = "plainsite.settings.production"
    return env


def start(venv_bin, folder, config, options):
    """gunicorn serving the plain site with the Hub's gunicorn configuration and ``options``."""
    return subprocess.Popen(
        [
            str(venv_bin / "gunicorn"),
            "plainsite.wsgi",
            "--config",
            str(config),
            "--bind",
            f"127.0.0.1:{PLAIN_PORT}",
            *options,
        ],
        cwd=folder,
        env=plain_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
