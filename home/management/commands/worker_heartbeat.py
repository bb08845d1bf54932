"""Queue the worker heartbeat task: scheduled every 10 minutes, it shows /healthz an idle worker."""

from django.core.management.base import BaseCommand

from home.health import worker_heartbeat


class Command(BaseCommand):
    help = "Queue a heartbeat task; the worker that runs it records when it last did (/healthz)."

    def handle(self, *args, **options):
        result = worker_heartbeat.enqueue()
        self.stdout.write(f"Queued worker heartbeat task {result.id}")
