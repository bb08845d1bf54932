"""The worker retries a failing task with growing delays, then shows staff the failure."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.tests.factories import UserFactory
from worker.retries import retry_delay
from worker.tests.tasks import always_fails, flaky

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks():
    # django_tasks re-reads TASKS when the setting changes.
    with override_settings(TASKS=DATABASE_TASKS, TASKS_RETRY_MAX_ATTEMPTS=3):
        yield


def run_worker():
    call_command(
        "db_worker", "--batch", "--interval", "0", "--no-startup-delay", "--queue-name", "*"
    )


def row(result):
    return DBTaskResult.objects.get(pk=result.id)


def test_delays_grow_fourfold_and_are_capped():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 120, 480]
    assert retry_delay(20) == timedelta(hours=6)


@pytest.mark.django_db(transaction=True)
def test_a_failing_task_runs_again_after_its_delay_and_then_succeeds(database_tasks):
    result = flaky.enqueue(1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        run_worker()
        queued_again = row(result)
        assert queued_again.status == TaskResultStatus.READY
        assert queued_again.run_after == start + timedelta(seconds=30)
        assert "the mail server is away" in queued_again.traceback

        run_worker()  # too early: nothing runs
        assert row(result).status == TaskResultStatus.READY

    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        run_worker()
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "delivered"
    assert len(done.worker_ids) == 2


@pytest.mark.django_db(transaction=True)
def test_a_task_that_keeps_failing_stops_after_the_last_attempt_and_staff_see_it(
    database_tasks, client
):
    result = always_fails.enqueue()
    moment = timezone.now()
    for _ in range(3):
        with time_machine.travel(moment, tick=False):
            run_worker()
        moment += timedelta(hours=7)
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == 3
    assert failed.exception_class_path == "builtins.ConnectionError"

    with time_machine.travel(moment, tick=False):
        run_worker()  # nothing left to retry
    assert len(row(result).worker_ids) == 3

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get("/django-admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert listing.status_code == 200
    assert "always_fails" in listing.content.decode()
