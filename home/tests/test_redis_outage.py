"""With Redis down, pages serve, log-in works and stays rate-limited, /healthz says degraded."""

import logging
import time

import pytest
from django.core.cache import caches
from django.urls import reverse

from accounts.tests.factories import PASSWORD, ProfileFactory
from home import health, resilient_cache

pytestmark = pytest.mark.django_db

# Nothing listens on port 9 (discard): every connection is refused at once, like a Redis outage.
UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "home.resilient_cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "mintkit-test",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(UNREACHABLE_REDIS)
    resilient_cache._outage.update(until=0.0, reported=False)
    caches["default"]._local.clear()
    yield
    resilient_cache._outage.update(until=0.0, reported=False)


def test_pages_serve_and_healthz_reports_degraded(client, redis_down, caplog):
    with caplog.at_level(logging.WARNING):
        assert client.get("/").status_code == 200
        assert client.get("/storefront/").status_code == 200
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["cache"] == "degraded"
    assert response.json()["worker"]["status"] in {"in-process", "unknown"}
    # One warning for the outage, not one per cache call.
    assert caplog.text.count("Redis is unreachable") == 1


def test_log_in_works_and_failures_are_still_limited(client, redis_down):
    profile = ProfileFactory()
    url = reverse("account_login")
    response = client.post(url, {"login": profile.user.email, "password": PASSWORD})
    assert response.status_code == 302
    client.logout()
    for _ in range(6):
        response = client.post(url, {"login": profile.user.email, "password": "wrong"})
    assert "Too many failed login attempts" in response.content.decode()


def test_other_keys_miss_rather_than_serve_what_another_process_invalidated(redis_down):
    cache = caches["default"]
    cache.set("page:/storefront/bloom/", "old html")
    assert cache.get("page:/storefront/bloom/") is None
    assert cache.add("lock:x", 1) is True
    cache.set("allauth:rl:test", [1, 2])
    assert cache.get("allauth:rl:test") == [1, 2]
    assert cache.get_many(["allauth:rl:test", "page:x"]) == {"allauth:rl:test": [1, 2]}


def test_rediss_urls_take_the_providers_certificate_setting(monkeypatch):
    import subprocess
    import sys

    from home.tests.test_operations import PROJECT

    code = "from django.conf import settings; print(settings.CACHES['default']['OPTIONS'])"
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.dev",
        "REDIS_URL": "rediss://:secret@redis.example.com:6380",
        "REDIS_SSL_CERT_REQS": "none",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "'ssl_cert_reqs': 'none'" in result.stdout, result.stderr


REAL_REDIS = "redis://127.0.0.1:6379/2"


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(REAL_REDIS, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_up_healthz_reports_the_cache_ok(client, settings):
    settings.CACHES = redis_cache(REAL_REDIS)
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.fixture
def separate_worker(settings):
    """A task backend whose tasks run in another process, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_worker_without_a_heartbeat_is_reported_unknown(client, separate_worker):
    caches["default"].delete(health.HEARTBEAT_KEY)
    worker = client.get("/healthz").json()["worker"]
    assert worker == {"status": "unknown", "detail": "no heartbeat yet"}


def test_a_task_run_by_the_worker_records_its_heartbeat(client, settings):
    caches["default"].delete(health.HEARTBEAT_KEY)
    health.worker_heartbeat.enqueue()  # the test settings' immediate backend runs it here
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    worker = client.get("/healthz").json()["worker"]
    assert worker["status"] == "ok" and worker["last_heartbeat_seconds_ago"] <= 1


def test_an_old_heartbeat_is_stale(separate_worker):
    caches["default"].set(health.HEARTBEAT_KEY, time.time() - health.HEARTBEAT_STALE_SECONDS - 5)
    assert health.worker_status()["status"] == "stale"


class RecordingRedisClient:
    """Stands in for redis.Redis: records each command (each one is a round trip)."""

    def __init__(self):
        self.commands = []
        self.values = {}

    def mget(self, keys):
        self.commands.append("MGET")
        return [self.values.get(key) for key in keys]

    def get(self, key):
        self.commands.append("GET")
        return self.values.get(key)


def test_reading_many_keys_is_one_round_trip(monkeypatch):
    # A page served from the page cache reads several keys; each round trip costs it time.
    backend = resilient_cache.ResilientRedisCache("redis://127.0.0.1:9/0", {"KEY_PREFIX": "t"})
    client = RecordingRedisClient()
    client.values[backend.make_key("b")] = backend._cache._serializer.dumps("bee")
    monkeypatch.setattr(backend._cache, "get_client", lambda *args, **kwargs: client)
    assert backend.get_many(["a", "b", "c"]) == {"b": "bee"}
    assert client.commands == ["MGET"]
