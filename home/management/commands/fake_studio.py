"""``manage.py fake_studio``: run the offline MintKit Studio stand-in until Ctrl-C."""

from django.conf import settings
from django.core.management.base import CommandError

from fake_studio.server import FakeStudioServer
from home.stand_in_commands import StandInCommand


class Command(StandInCommand):
    help = (
        "Run the offline MintKit Studio stand-in: it exchanges launch codes with the Hub, shows "
        "who signed in, calls the access API and lists the access webhooks it received."
    )
    port_setting = "FAKE_STUDIO_PORT"

    def add_arguments(self, parser):
        super().add_arguments(parser)
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

        self.serve(server, announce)
