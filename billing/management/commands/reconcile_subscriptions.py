"""``manage.py reconcile_subscriptions``: re-read every known subscription and repair our copy."""

from django.core.management.base import BaseCommand

from billing.gateway import PaymentServiceError
from billing.models import Subscription
from billing.sync import UnknownCustomer, sync_subscription


class Command(BaseCommand):
    help = "Re-sync every stored subscription from Stripe and report what changed."

    def handle(self, *args, **options):
        changed = failed = 0
        known = list(
            Subscription.objects.values_list("stripe_subscription_id", "stripe_customer_id")
        )
        for subscription_id, customer_id in known:
            try:
                result = sync_subscription(subscription_id, customer_id)
            except (PaymentServiceError, UnknownCustomer) as exc:
                failed += 1
                self.stderr.write(f"{subscription_id}: could not sync ({exc})")
                continue
            if result.changes:
                changed += 1
                details = "; ".join(
                    f"{name} {before!s} -> {after!s}"
                    for name, (before, after) in sorted(result.changes.items())
                )
                self.stdout.write(f"{subscription_id}: {details}")
        total = len(known)
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {total} subscription(s): {changed} repaired, {failed} failed, "
                f"{total - changed - failed} already correct."
            )
        )
        if failed:
            raise SystemExit(1)
