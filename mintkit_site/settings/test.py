"""Settings for the test suite: fast hashing, in-memory mail, deterministic secrets."""

from .base import *  # noqa: F403
from .base import (
    FAKE_STRIPE_PUBLIC_KEY,
    FAKE_STRIPE_SECRET_KEY,
    FAKE_STRIPE_WEBHOOK_SECRET,
    env,
)

DEBUG = False
SECRET_KEY = "test-only-secret-key"
MINTKIT_SHARED_SECRET = "test-only-mintkit-shared-secret-32-bytes-plus"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The suite runs in one process, so its local-memory cache is shared enough to test the page cache.
PAGE_CACHE_ENABLED = True
# Tasks run in-process, at once: a test sees the email sent and the index updated.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Tests talk to an in-process offline Stripe stand-in; its fixture sets STRIPE_API_BASE.
STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens here unless a test starts the stand-in
STRIPE_SECRET_KEY = FAKE_STRIPE_SECRET_KEY
STRIPE_PUBLIC_KEY = FAKE_STRIPE_PUBLIC_KEY
STRIPE_WEBHOOK_SECRET = FAKE_STRIPE_WEBHOOK_SECRET
STRIPE_MAX_NETWORK_RETRIES = 0
STRIPE_TIMEOUT_SECONDS = 3
