"""``manage.py fake_stripe``: run the offline Stripe stand-in until Ctrl-C."""

import os

from django.conf import settings
from django.core.management.base import CommandError

from fake_stripe.server import FakeStripeServer
from home.stand_in_commands import StandInCommand


class Command(StandInCommand):
    help = (
        "Run the offline Stripe stand-in: Stripe's API for the SDK, hosted checkout and portal "
        "pages, and signed webhooks posted to the Hub. Its objects are kept in --state-file so "
        "the Stripe ids in the Hub's database still work after a restart."
    )
    port_setting = "FAKE_STRIPE_PORT"

    def add_arguments(self, parser):
        super().add_arguments(parser)
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

        self.serve(server, announce)
