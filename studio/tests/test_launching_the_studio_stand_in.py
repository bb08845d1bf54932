"""Launching the Studio stand-in: from the Hub's "Open MintKit Studio", and by its command."""

import json
import os
import signal
import socket
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import ProfileFactory
from fake_studio.pages import day
from fake_studio.server import FakeStudioServer
from fake_studio.tests.browsing import browser, read

HUB = "http://127.0.0.1:9"


@pytest.fixture
def stand_in(live_server, settings):
    server = FakeStudioServer(live_server.url, settings.MINTKIT_SHARED_SECRET).start()
    settings.MINTKIT_STUDIO_URL = f"{server.base_url}/"
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_launch_signs_the_owner_in_and_the_code_works_once(stand_in):
    profile = ProfileFactory(
        business_name="Bloom & Blade", trial_ends_at=timezone.now() + timedelta(days=9)
    )
    hub = Client()
    hub.force_login(profile.user)
    launch_url = hub.post("/studio/launch/")["Location"]
    studio = browser()

    status, html = read(studio, launch_url)

    assert status == 200
    assert "Signed in to MintKit Studio as <strong>Bloom &amp; Blade</strong>" in html
    assert f"access signup_trial until {day(int(profile.trial_ends_at.timestamp()))}" in html

    status, html = read(studio, f"{stand_in.base_url}/access", data=b"")
    assert status == 200
    answer = json.loads(html.split("<code>")[-1].split("</code>")[0].replace("&quot;", '"'))
    assert (answer["allowed"], answer["reason"]) == (True, "signup_trial")

    status, html = read(browser(), launch_url)
    assert status == 400
    assert "expired or was already used" in html


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_command_serves_until_stopped(stop_signal):
    process = subprocess.Popen(
        [sys.executable, "manage.py", "fake_studio", "--port", "0", "--hub-url", HUB],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.test"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert f"(Hub: {HUB}; webhooks to http://127.0.0.1:" in line
        base_url = line.split(" on ")[1].split("/ ")[0]
        assert read(browser(), f"{base_url}/healthz") == (200, '{"status": "ok"}')
        status, html = read(browser(), f"{base_url}/")
        assert status == 200
        assert "Nobody is signed in" in html
    finally:
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0


def test_the_command_says_when_its_port_is_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError, match=f"Cannot listen on 127.0.0.1:{port}.*--port"):
            call_command("fake_studio", "--port", str(port), "--hub-url", HUB, stdout=StringIO())
