"""Send the reminders due before owners' sign-up trials end (run it on a schedule)."""

from django.core.management.base import BaseCommand

from billing.trial_reminders import send_trial_reminders


class Command(BaseCommand):
    help = "Email owners 3 days and 1 day before their sign-up trial ends; each reminder once."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_trial_reminders()} trial reminder(s).")
