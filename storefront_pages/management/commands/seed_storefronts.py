"""Creates owners with live storefronts through the real model code, for benchmarks."""

import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from accounts.profiles import ensure_profile
from storefront_pages.models import StorefrontPage
from storefront_pages.provisioning import create_storefront
from storefront_pages.publishing import publish_storefront

EMAIL_DOMAIN = "seed.mintkit.invalid"
TOWNS = ["Leeds", "Whitby", "Bristol", "Norwich", "Carlisle", "Truro", "Bath", "York"]
TRADES = ["Bakery", "Barbers", "Pottery", "Gym", "Florist", "Tutor", "Cafe", "Bookshop"]
INDEX_BATCH = 500


@contextmanager
def search_index_updates_deferred():
    """Saves skip their one-by-one index task; the caller indexes the new pages in bulk."""
    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class Command(BaseCommand):
    help = (
        "Create owners with live storefronts until there are --count of them (seeded ones "
        "are recognised by their @seed.mintkit.invalid address), indexed for search."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many seeded owners")

    def handle(self, *args, count, **options):
        if count < 0:
            raise CommandError("--count must be zero or more.")
        user_model = get_user_model()
        existing = user_model.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()
        if existing >= count:
            self.stdout.write(f"{existing} seeded storefronts already exist; nothing to do.")
            return
        # One hash for every seeded owner: hashing is deliberately slow and this is test data.
        password = make_password("seeded-owner-not-for-log-in")
        started = time.monotonic()
        created = []
        with disable_reference_index_auto_update(), search_index_updates_deferred():
            for number in range(existing, count):
                created.append(self.create_owner(user_model, number, password))
                if len(created) % 500 == 0:
                    self.report(len(created), count - existing, started)
        pages = StorefrontPage.objects.filter(pk__in=created)
        backend = get_search_backend()
        for start in range(0, len(created), INDEX_BATCH):
            backend.add_bulk(
                StorefrontPage, list(pages.filter(pk__in=created[start : start + INDEX_BATCH]))
            )
        self.stdout.write(
            f"Created {len(created)} live storefronts ({count} seeded in all) in "
            f"{time.monotonic() - started:.0f} s."
        )

    @transaction.atomic
    def create_owner(self, user_model, number, password):
        trade = TRADES[number % len(TRADES)]
        town = TOWNS[(number // len(TRADES)) % len(TOWNS)]
        name = f"{town} {trade} {number}"
        user = user_model.objects.create(
            username=f"seed-{number}", email=f"seed-{number}@{EMAIL_DOMAIN}", password=password
        )
        profile = ensure_profile(user, name)
        page = create_storefront(profile, name, f"seed-{number}")
        page.headline = f"The friendliest {trade.lower()} in {town}"
        page.town = town
        page.save_revision(user=user)
        publish_storefront(page, user)
        return page.pk

    def report(self, done, total, started):
        elapsed = time.monotonic() - started
        self.stdout.write(f"  {done}/{total} in {elapsed:.0f} s ({done / elapsed:.0f}/s)")
