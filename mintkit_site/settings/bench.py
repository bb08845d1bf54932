"""Benchmark settings (bin/bench): production's, served over plain HTTP on this machine.

Production's checks run on import with the placeholder values bin/bench sets; afterwards the
few things a local benchmark cannot have are swapped: the offline Stripe stand-in (the webhook
burst re-reads subscriptions from it), plain HTTP, media on local disk, and one bench-only URL,
``/bench/hello/``, a hello-world view that is the floor every page is compared with.
"""

from .base import FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, env
from .production import *  # noqa: F403

ROOT_URLCONF = "mintkit_site.bench_urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STRIPE_API_BASE = env("BENCH_STRIPE_API_BASE", "http://127.0.0.1:12199")
STRIPE_SECRET_KEY = FAKE_STRIPE_SECRET_KEY
STRIPE_WEBHOOK_SECRET = FAKE_STRIPE_WEBHOOK_SECRET
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "optional"
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
