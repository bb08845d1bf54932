"""Renormalises every search entry's title against the exact average title length (scheduled)."""

from django.core.management.base import BaseCommand
from wagtail.search.backends import get_search_backend


class Command(BaseCommand):
    help = (
        "Give every search index entry its title norm against the exact average title length, "
        "in short batches. Index writes only estimate the average (search/database_backend.py); "
        "run this daily. Other backends (SQLite, OpenSearch) need nothing: it says so and exits."
    )

    def handle(self, *args, **options):
        backend = get_search_backend()
        refresh = getattr(backend, "refresh_title_norms", None)
        if refresh is None:
            self.stdout.write(
                f"Nothing to do: {type(backend).__module__} keeps its own ranking statistics."
            )
            return
        self.stdout.write(f"Refreshed the title norms of {refresh()} search entries.")
