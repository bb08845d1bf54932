"""Development settings: the README's run command, with safe local defaults."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-secret-key-never-use-in-production")
MINTKIT_SHARED_SECRET = env("MINTKIT_SHARED_SECRET", "dev-only-mintkit-shared-secret")
