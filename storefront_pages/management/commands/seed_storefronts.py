"""Creates owners with live storefronts in bulk, for benchmarks (storefront_pages/seeding.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from storefront_pages.seeding import EMAIL_DOMAIN, SlugsTaken, seed_storefronts, seeded_owner_count


class Command(BaseCommand):
    help = (
        "Create --count owners with live storefronts, indexed for search; or, with --up-to, "
        f"as many as make that many seeded owners (recognised by their @{EMAIL_DOMAIN} address)."
    )

    def add_arguments(self, parser):
        how_many = parser.add_mutually_exclusive_group(required=True)
        how_many.add_argument("--count", type=int, help="how many owners to create")
        how_many.add_argument(
            "--up-to", type=int, help="create owners until this many seeded ones exist"
        )

    def handle(self, *args, count=None, up_to=None, **options):
        wanted = count if count is not None else up_to
        if wanted < 0:
            raise CommandError("The number of owners must be zero or more.")
        existing = seeded_owner_count()
        if up_to is not None:
            count = max(up_to - existing, 0)
        started = time.monotonic()

        def progress(made):
            elapsed = time.monotonic() - started
            self.stdout.write(f"  {made}/{count} in {elapsed:.0f} s ({made / elapsed:.0f}/s)")

        try:
            made = seed_storefronts(count, progress=progress)
        except SlugsTaken as exc:
            raise CommandError(f"Pages already use these addresses: {exc}") from exc
        self.stdout.write(
            f"Created {made} live storefronts ({existing + made} seeded in all) in "
            f"{time.monotonic() - started:.0f} s."
        )
