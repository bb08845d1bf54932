"""Failed background tasks run again later, with growing delays, before staff see them as failed.

django-tasks-db marks a task FAILED when it raises and never tries again. A task that failed
because SMTP, Stripe or the Studio was briefly away should simply run later, so this receiver
puts it back in the queue (the same row, so its history stays in one place) with
``run_after = now + delay``, the delay growing fourfold per attempt. After
``TASKS_RETRY_MAX_ATTEMPTS`` runs it stays FAILED with its traceback, listed for staff in the
Django admin (Task results).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# One attempt, then retries after 30 s, 2 min, 8 min, 32 min, 2 h 8 min, capped at 6 h.
DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_FIRST_DELAY_SECONDS = 30
BACKOFF_FACTOR = 4
LONGEST_DELAY = timedelta(hours=6)


def max_attempts():
    return getattr(settings, "TASKS_RETRY_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)


def retry_delay(attempts_so_far):
    """How long to wait before the next run, after ``attempts_so_far`` failed runs."""
    first = getattr(settings, "TASKS_RETRY_FIRST_DELAY_SECONDS", DEFAULT_FIRST_DELAY_SECONDS)
    delay = timedelta(seconds=first * BACKOFF_FACTOR ** (attempts_so_far - 1))
    return min(delay, LONGEST_DELAY)


@receiver(task_finished, dispatch_uid="worker.retry_failed_task")
def retry_failed_task(sender, task_result, **kwargs):
    if task_result.status != TaskResultStatus.FAILED:
        return
    if not isinstance(task_backends[task_result.backend], DatabaseBackend):
        return  # the immediate backend (tests) has no queue to go back to
    # The worker appends its id on every run of the row: that is the attempt count.
    attempts = len(task_result.worker_ids)
    if attempts >= max_attempts():
        logger.error(
            "Task %s (%s) failed %d times; giving up. Staff see it under Task results.",
            task_result.id,
            task_result.task.name,
            attempts,
        )
        return
    run_after = timezone.now() + retry_delay(attempts)
    # Only a row still FAILED goes back: never resurrect one that staff or a prune removed.
    DBTaskResult.objects.filter(pk=task_result.id, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed (attempt %d of %d); retrying at %s.",
        task_result.id,
        task_result.task.name,
        attempts,
        max_attempts(),
        run_after.isoformat(),
    )
