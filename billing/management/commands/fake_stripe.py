"""``manage.py fake_stripe``: run the offline Stripe stand-in until Ctrl-C."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fake_stripe.server import FakeStripeServer
from stand_in_http.launching import CannotListen, add_listen_arguments, run_until_stopped


class Command(BaseCommand):
    help = (
        "Run the offline Stripe stand-in: Stripe's API for the SDK, hosted checkout and portal "
        "pages, and signed webhooks posted to the Hub. Its objects are kept in --state-file so "
        "the Stripe ids in the Hub's database still work after a restart."
    )
    # It touches no database and no models; starting fast matters more.
    requires_system_checks = []

    def add_arguments(self, parser):
        add_listen_arguments(parser, settings.FAKE_STRIPE_PORT, "FAKE_STRIPE_PORT")
        parser.add_argument(
            "--webhook-url",
            default=None,
            help="where to post events (default: $HUB_WEBHOOK_URL, else "
            "SITE_URL/billing/webhook/); an empty value only records them",
        )
        parser.add_argument(
            "--state-file",
            default=settings.BASE_DIR / ".fake_stripe_state.json",
            help="JSON file the objects and events are loaded from and saved to (default: "
            "%(default)s); an empty value keeps them in memory only",
        )

    def handle(self, *args, port, host, webhook_url, state_file, **options):
        if webhook_url is None:
            webhook_url = os.environ.get("HUB_WEBHOOK_URL") or (
                f"{settings.SITE_URL}/billing/webhook/"
            )
        try:
            server = FakeStripeServer(
                api_key=settings.FAKE_STRIPE_SECRET_KEY,
                webhook_secret=settings.FAKE_STRIPE_WEBHOOK_SECRET,
                webhook_url=webhook_url or None,
                host=host,
                port=port,
                state_file=state_file,
            )
        except ValueError as exc:  # a state file or webhook URL it cannot use
            raise CommandError(str(exc)) from exc

        def announce(server):
            kept = (
                f"state in {server.state_file.path}"
                if server.state_file
                else "state in memory only"
            )
            return (
                f"Offline Stripe stand-in listening on {server.base_url}/ "
                f"(webhooks to {webhook_url or 'nowhere: events are only recorded'}; {kept}); "
                "Ctrl-C stops it."
            )

        try:
            run_until_stopped(server, announce, self.stdout)
        except CannotListen as exc:
            raise CommandError(str(exc)) from exc
