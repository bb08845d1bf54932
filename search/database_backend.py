"""Wagtail's database search backend, with a per-write cost that does not grow with the index.

On PostgreSQL, Wagtail (modelsearch 1.3) refreshes title norms after every index write with
two full scans of the index: ``AVG(LENGTH(title))`` over every entry, then an UPDATE that looks
for ``title_norm = 1.0`` (new entries) in every row. At 10,000 storefronts that is most of the
cost of saving one. Here the average title length is read from the cache (recomputed at most
once per ``SEARCH_TITLE_LENGTH_AVERAGE_SECONDS``, and fully by ``update_index``), and the new
entries are found through a partial index (migration 0001). Ranking is unchanged: every entry's
``title_norm`` is still ``average title length / its title length``; between full refreshes the
average can lag by the writes of one period, the same drift Wagtail's own per-write refresh
leaves on entries written earlier.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Avg, F
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend

TITLE_LENGTH_AVERAGE_KEY = "search:title-length-average"
DEFAULT_AVERAGE_SECONDS = 60 * 60


class ScalablePostgresIndex(PostgresIndex):
    def title_length_average(self, recompute=False):
        average = None if recompute else cache.get(TITLE_LENGTH_AVERAGE_KEY)
        if average is None:
            average = (
                self.entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .aggregate(Avg("title_length"))["title_length__avg"]
            )
            if average is None:
                return None  # nothing indexed yet
            seconds = getattr(
                settings, "SEARCH_TITLE_LENGTH_AVERAGE_SECONDS", DEFAULT_AVERAGE_SECONDS
            )
            cache.set(TITLE_LENGTH_AVERAGE_KEY, average, timeout=seconds)
        return average

    def _refresh_title_norms(self, full=False):
        if full:
            # Rebuilds (update_index): every entry, against a freshly computed average.
            self.title_length_average(recompute=True)
            return super()._refresh_title_norms(full=True)
        average = self.title_length_average()
        if average is None:
            return
        # Only the entries just written carry the default 1.0; the partial index finds them.
        self.entries.filter(title_norm=1.0).annotate(title_length=Length("title")).filter(
            title_length__gt=0
        ).update(title_norm=average / F("title_length"))


class ScalablePostgresSearchBackend(PostgresSearchBackend):
    index_class = ScalablePostgresIndex


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks for in a backend module)
    """PostgreSQL gets the scalable index; other databases (SQLite in development) Wagtail's."""
    if connection.vendor == "postgresql":
        return ScalablePostgresSearchBackend(params)
    return vendor_search_backend(params)
