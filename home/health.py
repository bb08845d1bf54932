"""What /healthz reports: the database (decides up or down), the shared cache and the worker."""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, connection
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

# The worker's heartbeat: the Unix time it last started or finished a task, in the shared cache.
# Any tasks worker feeds it (see record_worker_heartbeat); `worker_heartbeat` is a task that does
# nothing else, for a scheduler to enqueue so that an idle worker still shows it is alive.
HEARTBEAT_KEY = "worker:heartbeat"
# A heartbeat older than this is reported as stale (the scheduler enqueues one every 10 minutes).
HEARTBEAT_STALE_SECONDS = 30 * 60


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return False
    return True


def cache_status():
    """ "ok" (Redis answers), "degraded" (Redis configured but down) or "local" (no Redis)."""
    ping = getattr(cache, "ping", None)
    if ping is None:
        return "local"
    try:
        ping()
    except Exception as exc:  # noqa: BLE001 — any failure to answer is "degraded", never a 500
        logger.warning("Health check: Redis did not answer (%s: %s)", type(exc).__name__, exc)
        return "degraded"
    return "ok"


def worker_status(now=None):
    """The worker's last heartbeat, as the load balancer's reader (and an engineer) needs it."""
    if isinstance(task_backends["default"], ImmediateBackend):
        return {"status": "in-process", "detail": "tasks run inside the web process"}
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception as exc:  # noqa: BLE001 — the health check must answer whatever the cache does
        logger.warning("Health check: could not read the worker heartbeat (%s)", exc)
        beat = None
    if not isinstance(beat, int | float):
        return {"status": "unknown", "detail": "no heartbeat yet"}
    age = int((now or time.time()) - beat)
    status = "ok" if age <= HEARTBEAT_STALE_SECONDS else "stale"
    return {"status": status, "last_heartbeat_seconds_ago": age}


def health_report():
    """(HTTP status, body): 200 whenever the database answers, whatever the cache and worker say."""
    if not database_answers():
        return 503, {"status": "unavailable", "database": "down"}
    return 200, {
        "status": "ok",
        "database": "ok",
        "cache": cache_status(),
        "worker": worker_status(),
    }


def record_worker_heartbeat(**_signal_kwargs):
    """Connected to django_tasks' task_started and task_finished: whichever process runs tasks."""
    try:
        cache.set(HEARTBEAT_KEY, time.time(), timeout=None)
    except Exception as exc:  # noqa: BLE001 — a heartbeat must never fail the task it rides on
        logger.warning("Could not record the worker heartbeat: %s", exc)


@task()
def worker_heartbeat():
    """Nothing but a heartbeat: `manage.py worker_heartbeat` enqueues it (Heroku Scheduler)."""
    record_worker_heartbeat()
