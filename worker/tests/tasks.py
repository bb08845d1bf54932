"""Tasks the worker tests enqueue: one that fails a set number of times, one that always fails."""

from django.core.cache import cache
from django_tasks import task


@task()
def flaky(failures_before_success):
    runs = cache.get_or_set("flaky-runs", 0)
    cache.set("flaky-runs", runs + 1)
    if runs < failures_before_success:
        raise ConnectionError("the mail server is away")
    return "delivered"


@task()
def always_fails():
    raise ConnectionError("the mail server is away for good")
