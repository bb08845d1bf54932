"""App configuration for worker."""

from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "worker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import retries  # noqa: F401  (connects the retry receiver)
