"""``manage.py fake_stripe``: run the offline Stripe stand-in until Ctrl-C."""

import contextlib
import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fake_stripe.server import FakeStripeServer


class Command(BaseCommand):
    help = (
        "Run the offline Stripe stand-in: Stripe's API for the SDK, hosted checkout and portal "
        "pages, and signed webhooks posted to the Hub. Its objects are kept in --state-file so "
        "the Stripe ids in the Hub's database still work after a restart."
    )
    # It touches no database and no models; starting fast matters more.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=settings.FAKE_STRIPE_PORT,
            help="port to listen on (default: FAKE_STRIPE_PORT, %(default)s; 0 picks a free one)",
        )
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
        )
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
            server.start()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({exc.strerror}); is another stand-in running? "
                "Pick another port with --port."
            ) from exc
        stopping = threading.Event()
        # A process manager stops us with SIGTERM; treat it like Ctrl-C so we close cleanly.
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        kept = f"state in {server.state_file.path}" if server.state_file else "state in memory only"
        self.stdout.write(
            f"Offline Stripe stand-in listening on {server.base_url}/ "
            f"(webhooks to {webhook_url or 'nowhere: events are only recorded'}; {kept}); "
            "Ctrl-C stops it."
        )
        self.stdout.flush()
        try:
            with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it is meant to stop
                stopping.wait()
        finally:
            server.stop()
