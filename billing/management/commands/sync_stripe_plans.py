"""``manage.py sync_stripe_plans``: make every plan's Stripe Product and Price exist."""

from django.core.management.base import BaseCommand, CommandError

from billing.gateway import PaymentServiceError
from billing.plans_sync import sync_all_plans


class Command(BaseCommand):
    help = "Create the Stripe Products and Prices that plans lack (never duplicates)."

    def handle(self, *args, **options):
        try:
            results = sync_all_plans()
        except PaymentServiceError as exc:
            raise CommandError(f"Stripe could not be reached: {exc.__cause__ or exc}") from exc
        for plan, done in results:
            summary = ", ".join(done) if done else "already in Stripe"
            self.stdout.write(f"{plan.slug}: {summary}")
        self.stdout.write(self.style.SUCCESS(f"{len(results)} plan(s) in step with Stripe."))
