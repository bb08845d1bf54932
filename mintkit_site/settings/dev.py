"""Development settings: the README's run command, with safe local defaults."""

import os
from pathlib import Path

from .env_file import load_env_file

# A .env in the project folder (see .env.example), read before anything else looks at the
# environment. ENV_FILE names another file (the tests use it).
load_env_file(os.environ.get("ENV_FILE") or Path(__file__).resolve().parents[2] / ".env")

from .base import *  # noqa: E402, F403
from .base import (  # noqa: E402
    FAKE_STRIPE_PORT,
    FAKE_STRIPE_PUBLIC_KEY,
    FAKE_STRIPE_SECRET_KEY,
    FAKE_STRIPE_WEBHOOK_SECRET,
    FAKE_STUDIO_PORT,
    env,
    env_bool,
)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-never-use-in-production")
MINTKIT_SHARED_SECRET = env(
    "MINTKIT_SHARED_SECRET", "dev-only-mintkit-shared-secret-never-in-production"
)
# The Studio is the offline stand-in (`manage.py fake_studio`, started by bin/run).
MINTKIT_STUDIO_URL = env("MINTKIT_STUDIO_URL", f"http://127.0.0.1:{FAKE_STUDIO_PORT}/")
MINTKIT_STUDIO_WEBHOOK_URL = env(
    "MINTKIT_STUDIO_WEBHOOK_URL", f"http://127.0.0.1:{FAKE_STUDIO_PORT}/webhooks"
)

# Payments go to the offline Stripe stand-in. To use Stripe's test mode instead, set
# STRIPE_API_BASE=https://api.stripe.com and the STRIPE_* keys of a test account.
STRIPE_API_BASE = env("STRIPE_API_BASE", f"http://127.0.0.1:{FAKE_STRIPE_PORT}").rstrip("/")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", FAKE_STRIPE_SECRET_KEY)
STRIPE_PUBLIC_KEY = env("STRIPE_PUBLIC_KEY", FAKE_STRIPE_PUBLIC_KEY)
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", FAKE_STRIPE_WEBHOOK_SECRET)
