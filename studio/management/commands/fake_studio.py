"""``manage.py fake_studio``: run the offline MintKit Studio stand-in until Ctrl-C."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fake_studio.server import FakeStudioServer
from stand_in_http.launching import CannotListen, add_listen_arguments, run_until_stopped


class Command(BaseCommand):
    help = (
        "Run the offline MintKit Studio stand-in: it exchanges launch codes with the Hub, shows "
        "who signed in, calls the access API and lists the access webhooks it received."
    )
    # It touches no database and no models; starting fast matters more.
    requires_system_checks = []

    def add_arguments(self, parser):
        add_listen_arguments(parser, settings.FAKE_STUDIO_PORT, "FAKE_STUDIO_PORT")
        parser.add_argument(
            "--hub-url",
            default=settings.SITE_URL,
            help="the Hub whose Studio API it calls (default: SITE_URL, %(default)s)",
        )

    def handle(self, *args, port, host, hub_url, **options):
        if not settings.MINTKIT_SHARED_SECRET:
            raise CommandError("MINTKIT_SHARED_SECRET is not set; the stand-in signs with it.")
        server = FakeStudioServer(hub_url, settings.MINTKIT_SHARED_SECRET, host=host, port=port)

        def announce(server):
            return (
                f"Offline MintKit Studio stand-in on {server.base_url}/ (Hub: {hub_url}; webhooks "
                f"to {server.base_url}/webhooks); Ctrl-C stops it."
            )

        try:
            run_until_stopped(server, announce, self.stdout)
        except CannotListen as exc:
            raise CommandError(str(exc)) from exc
