"""Idempotent demo data so a newcomer can click through every journey; prints the log-ins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import seed_demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo owners, staff user and their data. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts' passwords are public: never in "
            "production.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo creates accounts whose passwords are in the repository (a superuser "
                "among them), so it refuses to run with DEBUG off. Use --force on a throwaway "
                "database only."
            )
        with transaction.atomic():
            logins = seed_demo()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Log in at /accounts/login/ with:")
        )
        for login in logins:
            self.stdout.write(f"  {login.role:<32} {login.email:<30} {login.password}")
