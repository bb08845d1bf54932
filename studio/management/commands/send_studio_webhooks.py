"""``manage.py send_studio_webhooks``: announce ended access, retry due Studio webhooks."""

from django.core.management.base import BaseCommand

from studio.access_webhooks import announce_ended_access, send_due_webhooks


class Command(BaseCommand):
    help = (
        "Tell the Studio about access that ended with time (sign-up trials) and attempt every "
        "access webhook whose next try is due. Schedule it every 10 minutes."
    )

    def handle(self, *args, **options):
        ended = announce_ended_access()
        attempted = send_due_webhooks()
        self.stdout.write(
            f"{len(ended)} access change(s) found, {attempted} webhook delivery attempt(s) made."
        )
