"""An owner's writes cost the same however many storefronts exist, and leave the search and
reference indexes to the worker."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.search.models import IndexEntry

from accounts.tests.factories import ProfileFactory
from storefront_pages.models import StorefrontPage

pytestmark = pytest.mark.django_db

# Production's backend: tasks are queued in the database for the worker, not run in the request.
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
INDEX_TASKS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}


@pytest.fixture
def queued_tasks():
    with override_settings(TASKS=QUEUED_TASKS):
        yield


class QueryCounter:
    """Counts every query (CaptureQueriesContext loses those before a request resets its log)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counted(costs, name):
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield
    costs[name] = counter.count


def owner_writes(client, name):
    """A new owner creates, edits and publishes a storefront: the queries of each step."""
    profile = ProfileFactory(business_name=name)
    client.force_login(profile.user)
    costs = {}
    with counted(costs, "create"):
        assert client.post("/dashboard/storefront/new/").status_code == 302
    page = StorefrontPage.objects.get(profile=profile)
    draft = page.get_latest_revision_as_object()
    draft.headline = "Fresh bread daily"
    with counted(costs, "save a draft"):
        draft.save_revision(user=profile.user)
    with counted(costs, "publish"):
        assert client.post("/dashboard/storefront/publish/").status_code == 302
    return page, costs


def found_by_search(words):
    """Live storefronts Wagtail's search backend finds for ``words`` (what /search/ asks)."""
    return [page.pk for page in StorefrontPage.objects.live().search(words, operator="and")]


def seed(count):
    call_command("seed_storefronts", count=count, stdout=io.StringIO())


def test_writes_cost_the_same_queries_with_3_and_200_storefronts(client, queued_tasks, capsys):
    seed(1)
    owner_writes(client, "Second Bakery")  # the first write of a process also fills caches
    _, with_three = owner_writes(client, "Third Bakery")
    seed(196)
    _, with_many = owner_writes(client, "Two Hundredth Bakery")
    with capsys.disabled():
        print(f"\nWrite queries: {with_three} with 3 storefronts, {with_many} with 200")
    assert StorefrontPage.objects.count() == 200
    assert with_three == with_many
    # Budgets (PostgreSQL, tasks queued): Wagtail's own save, validation and logging are most of it.
    assert with_many["create"] <= 80
    assert with_many["save a draft"] <= 20
    assert with_many["publish"] <= 79


@pytest.mark.django_db(transaction=True)  # the worker commits as it goes
def test_writes_queue_index_updates_for_the_worker_instead_of_running_them(client, queued_tasks):
    page, _ = owner_writes(client, "Queued Bakery")
    queued = DBTaskResult.objects.filter(args_kwargs__args__2=str(page.pk))
    assert set(queued.values_list("task_path", flat=True)) == INDEX_TASKS
    assert not IndexEntry.objects.filter(object_id=str(page.pk)).exists()
    assert found_by_search("Queued Bakery") == []

    call_command(
        "db_worker", "--batch", "--interval", "0", "--no-startup-delay", "--queue-name", "*"
    )
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert found_by_search("Queued Bakery") == [page.pk]
