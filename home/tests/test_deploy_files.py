"""app.json (the Heroku button), .env.example and the lock files say what the code needs."""

import json
import re
import subprocess
import sys

from .test_operations import PROJECT, REALISTIC_PRODUCTION_ENV

APP = json.loads((PROJECT / "app.json").read_text())


def test_app_json_starts_every_process_with_postgres_and_redis():
    assert set(APP["formation"]) == {"web", "worker"}
    plans = [addon["plan"] for addon in APP["addons"]]
    assert any(plan.startswith("heroku-postgresql") for plan in plans)
    assert any(plan.startswith("heroku-redis") for plan in plans)
    procfile = (PROJECT / "Procfile").read_text()
    assert re.search(r"^web: gunicorn mintkit_site.wsgi", procfile, re.M)
    assert re.search(r"^release: python manage.py migrate", procfile, re.M)


def test_app_json_describes_every_variable_and_asks_for_everything_production_requires():
    assert all(spec.get("description") for spec in APP["env"].values())
    required_by_production = [
        name for name in REALISTIC_PRODUCTION_ENV if name != "STRIPE_PUBLIC_KEY"
    ]
    for name in required_by_production:
        spec = APP["env"][name]
        assert spec.get("required") or spec.get("generator") or spec.get("value"), name
    assert APP["env"]["DJANGO_SETTINGS_MODULE"]["value"] == "mintkit_site.settings.production"
    assert APP["env"]["TRUSTED_PROXY_COUNT"]["value"] == "1"
    assert APP["env"]["REDIS_SSL_CERT_REQS"]["value"] == "none"


def test_env_example_names_only_variables_the_readme_documents():
    readme = (PROJECT / "README.md").read_text()
    names = re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", (PROJECT / ".env.example").read_text(), re.M)
    assert names
    undocumented = [name for name in names if f"`{name}`" not in readme]
    assert undocumented == []


def test_development_settings_read_an_env_file_without_overriding_the_environment(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        '# local\nTRIAL_DAYS=21\nexport SITE_URL="http://hub.test:8000"\nLOG_LEVEL=DEBUG\n'
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TRIAL_DAYS, settings.SITE_URL, settings.LOGGING['root']['level'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.dev",
            "ENV_FILE": str(env_file),
            "LOG_LEVEL": "WARNING",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["21", "http://hub.test:8000", "WARNING"], result.stderr


def test_lock_files_pin_every_package_with_hashes():
    for lock in ("requirements.txt", "requirements-dev.txt"):
        text = (PROJECT / lock).read_text()
        entries = re.findall(
            r"^([A-Za-z0-9_.\[\]-]+)(==[^ \\]+)? \\\n((?:\s+--hash=\S+ ?\\?\n?)+)", text, re.M
        )
        packages = re.findall(r"^[A-Za-z0-9]", text, re.M)
        assert len(entries) == len(packages) > 40, lock
        assert all(version for _, version, _ in entries), lock
    runtime = (PROJECT / "requirements.in").read_text()
    for line in runtime.splitlines():
        if line and not line.startswith("#"):
            name, version = re.sub(r"\[.*\]", "", line).split("==")
            assert re.search(
                rf"^{name.lower()}=={version} ",
                (PROJECT / "requirements.txt").read_text().lower(),
                re.M,
            ), line
