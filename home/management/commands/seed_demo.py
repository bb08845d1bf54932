"""Idempotent demo data so a newcomer can click through every journey; prints the log-ins."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import seed_demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo owners, staff user and their data. Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for login in logins:
            self.stdout.write(f"  {login.role:<32} {login.email:<30} {login.password}")
