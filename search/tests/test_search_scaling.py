"""Search ranks as Wagtail's does, while an index write costs the same at any index size;
SEARCH_URL switches to OpenSearch."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search import database_backend
from search.database_backend import TITLE_LENGTH_AVERAGE_KEY
from search.storefront_search import search_storefronts
from storefront_pages.tests.factories import make_storefront

PROJECT = Path(__file__).resolve().parents[2]

# The scalable index is PostgreSQL's.
on_postgresql = pytest.mark.postgresql


def titles(query):
    return [page.title for page in search_storefronts(query, site=None)]


def make_bakeries():
    """Two storefronts named with "bakery" and one that only describes it; their titles in the
    order a search for "bakery" must rank them: name before description, shorter name first."""
    make_storefront("Village Bakery and Coffee House", live=True)
    make_storefront("Corner Shop", live=True, headline="Fresh bakery bread every morning")
    make_storefront("Bakery", live=True)
    return ["Bakery", "Village Bakery and Coffee House", "Corner Shop"]


@on_postgresql
@pytest.mark.django_db
def test_a_name_match_ranks_above_a_description_match_and_shorter_names_first():
    ranked = make_bakeries()
    assert titles("bakery") == ranked


@on_postgresql
@pytest.mark.django_db
def test_new_entries_get_their_title_norm_at_once():
    make_storefront("Harbour Coffee", live=True)
    make_storefront("The Old Harbour Fish and Chip Shop", live=True)
    norms = dict(
        IndexEntry.objects.filter(title__isnull=False).values_list("title_text", "title_norm")
    )
    assert norms["Harbour Coffee"] > norms["The Old Harbour Fish and Chip Shop"]
    assert not IndexEntry.objects.filter(
        title_text="The Old Harbour Fish and Chip Shop", title_norm=1.0
    ).exists()


@on_postgresql
@pytest.mark.django_db
@pytest.mark.parametrize("average", ["cached", "expired"])
def test_an_index_write_never_scans_the_whole_index(average):
    page = make_storefront("Harbour Coffee", live=True)
    assert cache.get(TITLE_LENGTH_AVERAGE_KEY) is not None
    if average == "expired":
        cache.delete(TITLE_LENGTH_AVERAGE_KEY)
    backend = get_search_backend()
    with CaptureQueriesContext(connection) as queries:
        backend.add(page)
    statements = [query["sql"].upper() for query in queries]
    averaging = [sql for sql in statements if "AVG(" in sql]
    # Without a cached average: an estimate from the latest entries, a bounded read.
    assert len(averaging) == (1 if average == "expired" else 0)
    assert all("LIMIT 1000" in sql for sql in averaging)
    updates = [sql for sql in statements if sql.startswith("UPDATE")]
    assert updates and all('TITLE_NORM" = 1.0' in sql for sql in updates)
    assert cache.get(TITLE_LENGTH_AVERAGE_KEY) is not None


@on_postgresql
@pytest.mark.django_db
def test_the_scheduled_refresh_renormalises_every_entry_and_keeps_the_ranking(monkeypatch):
    ranked = make_bakeries()
    IndexEntry.objects.update(title_norm=2.5)  # norms given against an outdated average
    monkeypatch.setattr(database_backend, "REFRESH_BATCH_SIZE", 2)  # several batches

    out = io.StringIO()
    call_command("refresh_search_title_norms", stdout=out)

    entries = IndexEntry.objects.annotate(title_length=Length("title")).filter(title_length__gt=0)
    assert f"Refreshed the title norms of {entries.count()} search entries." in out.getvalue()
    average = entries.aggregate(Avg("title_length"))["title_length__avg"]
    for entry in entries:
        assert entry.title_norm == pytest.approx(average / entry.title_length)
    assert cache.get(TITLE_LENGTH_AVERAGE_KEY) == pytest.approx(average)
    assert titles("bakery") == ranked


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_scheduled_refresh_has_nothing_to_do_on_other_backends():
    out = io.StringIO()
    call_command("refresh_search_title_norms", stdout=out)
    assert "Nothing to do" in out.getvalue()


def test_search_url_selects_opensearch():
    # Settings are read once per process: ask a fresh one.
    script = (
        "import django, json; django.setup();"
        "from wagtail.search.backends import get_search_backend;"
        "b = get_search_backend();"
        "print(json.dumps([type(b).__module__, b.hosts[0]['host'], b.hosts[0]['port'],"
        " b.index_prefix]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.test",
        "SEARCH_URL": "https://search.internal.example:9243",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    module, host, port, prefix = json.loads(out.stdout)
    assert module == "modelsearch.backends.opensearch3"
    assert (host, port, prefix) == ("search.internal.example", 9243, "mintkit_")


@on_postgresql
@pytest.mark.django_db
def test_a_full_rebuild_keeps_the_ranking():
    ranked = make_bakeries()
    call_command("update_index", stdout=io.StringIO())
    assert titles("bakery") == ranked


@on_postgresql
@pytest.mark.django_db
def test_a_page_of_results_is_fetched_and_counted_in_one_query(client):
    """The ranking reads every match anyway: the page's query counts them (a window count),
    where a separate COUNT would repeat the search's join."""
    for number in range(12):
        make_storefront(f"Candle Maker {number}", live=True)
    client.get("/search/?q=candle&page=2")  # the site's root paths, cached from now on
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/?q=candle&page=2")
    content = response.content.decode()
    assert "12 storefronts found" in content
    assert "Page 2 of 2" in content
    assert content.count("Candle Maker") >= 2
    searches = [query["sql"] for query in queries if "wagtailsearch_indexentry" in query["sql"]]
    assert len(searches) == 1
    assert "COUNT(" in searches[0]
