"""What the commands that run an offline stand-in (fake_stripe, fake_studio) have in common."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stand_in_http.launching import CannotListen, add_listen_arguments, run_until_stopped


class StandInCommand(BaseCommand):
    """Listens on ``--host``/``--port`` (default: the ``port_setting`` setting) until Ctrl-C."""

    # It touches no database and no models; starting fast matters more.
    requires_system_checks = []
    # The name of the setting (and environment variable) giving the default port.
    port_setting = ""

    def add_arguments(self, parser):
        add_listen_arguments(parser, getattr(settings, self.port_setting), self.port_setting)

    def serve(self, server, announce):
        """Run ``server`` until Ctrl-C or SIGTERM; ``announce(server)`` is the line it prints."""
        try:
            run_until_stopped(server, announce, self.stdout)
        except CannotListen as exc:
            raise CommandError(str(exc)) from exc
