"""``manage.py fake_stripe`` launches the offline Stripe stand-in and stops it cleanly."""

import json
import os
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def http(url, form=None, headers=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read().decode()


@pytest.mark.parametrize(
    ("stop_signal", "state_name"),
    [(signal.SIGINT, "state.json"), (signal.SIGTERM, "")],
    ids=["SIGINT, state file", "SIGTERM, memory only"],
)
def test_the_command_serves_until_stopped_and_keeps_every_change(stop_signal, state_name, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.test",
        "HUB_WEBHOOK_URL": "http://127.0.0.1:9/hook/",
    }
    state_file = tmp_path / state_name if state_name else None
    process = subprocess.Popen(
        [sys.executable, "manage.py", "fake_stripe", "--port", "0"]
        + ["--state-file", str(state_file or "")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert "webhooks to http://127.0.0.1:9/hook/" in line
        assert (f"state in {state_file})" if state_file else "state in memory only") in line
        base_url = line.split("listening on ")[1].split("/ ")[0]
        assert http(base_url + "/healthz")[0] == 200
        auth = {"Authorization": f"Bearer {settings.FAKE_STRIPE_SECRET_KEY}"}
        status, body = http(base_url + "/v1/customers", {"email": "a@example.com"}, auth)
        assert status == 200, body
    finally:
        # Stopped right after the change: a clean stop writes what is not yet in the file.
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
    if state_file:
        assert json.loads(body)["id"] in state_file.read_text()
    assert sorted(path.name for path in tmp_path.iterdir()) == ([state_name] if state_name else [])
