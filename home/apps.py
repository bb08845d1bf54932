"""App configuration for home."""

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def create_roles(sender, using="default", **kwargs):
    from django.contrib.auth.management import create_permissions

    from accounts.roles import ensure_roles

    # post_migrate reaches this app before later apps have their permissions: make them now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_roles()


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Roles are data the site relies on: (re)made after every migrate.
        post_migrate.connect(create_roles, sender=self, dispatch_uid="home.create_roles")

        from django_tasks.signals import task_finished, task_started

        from .health import record_worker_heartbeat

        # Whichever process runs tasks (the worker) shows it is alive to /healthz.
        for signal in (task_started, task_finished):
            signal.connect(record_worker_heartbeat, dispatch_uid=f"home.heartbeat.{id(signal)}")
