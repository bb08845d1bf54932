"""Wagtail's database search backend, with a per-write cost that does not grow with the index.

On PostgreSQL, Wagtail (modelsearch 1.3) refreshes title norms after every index write with
two full scans of the index: ``AVG(LENGTH(title))`` over every entry, then an UPDATE that looks
for ``title_norm = 1.0`` (new entries) in every row. At 10,000 storefronts that is most of the
cost of saving one. Here no index write reads the whole index:

- the average title length comes from the cache; when it is missing (expired after
  ``SEARCH_TITLE_LENGTH_AVERAGE_SECONDS``, or the cache was emptied) it is estimated from the
  most recent entries (``AVERAGE_SAMPLE_SIZE``), a bounded read;
- only the entries just written (``title_norm = 1.0``) get their norm, found through a partial
  index (migration 0001);
- every entry is renormalised against the exact average by ``manage.py
  refresh_search_title_norms`` (scheduled, docs/DEPLOYMENT.md), in batches of short
  transactions, and by ``update_index``.

Ranking is Wagtail's: every entry's ``title_norm`` is ``average title length / its title
length``; between scheduled refreshes the average an entry was given may lag by the writes of
one period, the same drift Wagtail's own per-write refresh leaves on entries written earlier.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import ProgrammingError, connection, transaction
from django.db.models import Avg, Count, F, Window
from django.db.models.functions import Length
from modelsearch.backends.database import SearchBackend as vendor_search_backend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)

TITLE_LENGTH_AVERAGE_KEY = "search:title-length-average"
DEFAULT_AVERAGE_SECONDS = 60 * 60
AVERAGE_SAMPLE_SIZE = 1000
REFRESH_BATCH_SIZE = 1000


class ScalablePostgresIndex(PostgresIndex):
    def titled_entries(self):
        return self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)

    def title_length_average(self, exact=False):
        """The average title length: exact (a full scan) only when asked, else cached or
        estimated from the latest entries."""
        average = None if exact else cache.get(TITLE_LENGTH_AVERAGE_KEY)
        if average is None:
            if exact:
                measured = self.titled_entries()
            else:
                latest = self.titled_entries().order_by("-pk")[:AVERAGE_SAMPLE_SIZE]
                measured = self.entries.filter(pk__in=latest.values("pk"))
            average = measured.aggregate(average=Avg(Length("title")))["average"]
            if average is None:
                return None  # nothing indexed yet
            seconds = getattr(
                settings, "SEARCH_TITLE_LENGTH_AVERAGE_SECONDS", DEFAULT_AVERAGE_SECONDS
            )
            cache.set(TITLE_LENGTH_AVERAGE_KEY, average, timeout=seconds)
        return average

    def _refresh_title_norms(self, full=False):
        if full:
            # Rebuilds (update_index): every entry, against the exact average.
            self.refresh_all_title_norms()
            return
        average = self.title_length_average()
        if average is None:
            return
        # Only the entries just written carry the default 1.0; the partial index finds them.
        self.titled_entries().filter(title_norm=1.0).update(title_norm=average / F("title_length"))

    def refresh_all_title_norms(self, batch_size=REFRESH_BATCH_SIZE):
        """Every entry's norm against the exact average, ``batch_size`` rows per transaction so
        that searches and index writes never wait long behind it. Answers how many changed."""
        average = self.title_length_average(exact=True)
        if average is None:
            return 0
        refreshed = 0
        after = 0
        while True:
            batch = list(
                self.entries.filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            if not batch:
                return refreshed
            with transaction.atomic(using=self.write_connection.alias):
                refreshed += (
                    self.titled_entries()
                    .filter(pk__in=batch)
                    .update(title_norm=average / F("title_length"))
                )
            after = batch[-1]


class CountingPostgresSearchResults(PostgresSearchResults):
    """Results whose page query also counts every match: ``matches_count`` after iterating.

    Ranking already reads every match to sort them, so a window count over the same rows costs
    little, where a separate COUNT repeats the whole join (half of a search's database time at
    10,000 storefronts). search.storefront_search.results_page uses it; ``count()`` still works.
    """

    matches_count = None

    def _do_search(self):
        compiler = self.query_compiler
        ranked = compiler.search(
            compiler.get_config(self.backend),
            None,
            None,
            score_field=self._score_field,
            backend=self.backend,
        )
        counted = ranked.annotate(_matches_count=Window(Count("pk")))[self.start : self.stop]
        try:
            rows = list(counted)
        except ProgrammingError as error:
            self._handle_missing_postgres_extension(error)  # as Wagtail's: explains, re-raises
            raise
        if rows:
            self.matches_count = rows[0]._matches_count
        return rows


class ScalablePostgresSearchBackend(PostgresSearchBackend):
    index_class = ScalablePostgresIndex
    results_class = CountingPostgresSearchResults

    def refresh_title_norms(self):
        """See ``ScalablePostgresIndex.refresh_all_title_norms``; every model shares one index."""
        return self.index_class(self).refresh_all_title_norms()


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks for in a backend module)
    """PostgreSQL gets the scalable index; other databases (SQLite in development) Wagtail's."""
    if connection.vendor == "postgresql":
        return ScalablePostgresSearchBackend(params)
    return vendor_search_backend(params)
