"""``manage.py fake_studio``: run the offline MintKit Studio stand-in until Ctrl-C."""

import contextlib
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fake_studio.server import FakeStudioServer


class Command(BaseCommand):
    help = (
        "Run the offline MintKit Studio stand-in: it exchanges launch codes with the Hub, shows "
        "who signed in, calls the access API and lists the access webhooks it received."
    )
    # It touches no database and no models; starting fast matters more.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            default=settings.FAKE_STUDIO_PORT,
            help="port to listen on (default: FAKE_STUDIO_PORT, %(default)s; 0 picks a free one)",
        )
        parser.add_argument(
            "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
        )
        parser.add_argument(
            "--hub-url",
            default=settings.SITE_URL,
            help="the Hub whose Studio API it calls (default: SITE_URL, %(default)s)",
        )

    def handle(self, *args, port, host, hub_url, **options):
        if not settings.MINTKIT_SHARED_SECRET:
            raise CommandError("MINTKIT_SHARED_SECRET is not set; the stand-in signs with it.")
        server = FakeStudioServer(hub_url, settings.MINTKIT_SHARED_SECRET, host=host, port=port)
        try:
            server.start()
        except OSError as exc:
            raise CommandError(
                f"Cannot listen on {host}:{port} ({exc.strerror}); is another stand-in running? "
                "Pick another port with --port."
            ) from exc
        stopping = threading.Event()
        # A process manager stops us with SIGTERM; treat it like Ctrl-C so we close cleanly.
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        self.stdout.write(
            f"Offline MintKit Studio stand-in on {server.base_url}/ (Hub: {hub_url}; webhooks "
            f"to {server.base_url}/webhooks); Ctrl-C stops it."
        )
        self.stdout.flush()
        try:
            with contextlib.suppress(KeyboardInterrupt):
                stopping.wait()
        finally:
            server.stop()
