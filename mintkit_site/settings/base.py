"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read a variable, treating an empty value as unset."""
    value = os.environ.get(name, "").strip()
    return value if value else default


def env_bool(name, default):
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


# Each environment module sets SECRET_KEY and DEBUG before or after importing this one.
SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Project apps first so their templates override the packages'.
    "home",
    "accounts",
    "storefront_pages",
    "billing",
    "studio",
    "search",
    "page_cache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # After django_tasks_db: re-registers its admin with attempt counts, retries failed tasks.
    "worker",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and the database: a cached public page costs two cache reads (page_cache).
    "page_cache.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Deny by default: owners reach only the admin views on storefront_pages.owner_admin's list.
    "storefront_pages.owner_admin.OwnerAdminMiddleware",
]

ROOT_URLCONF = "mintkit_site.urls"
WSGI_APPLICATION = "mintkit_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_chrome",
                "billing.context_processors.payments_mode",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Threads of one process (runserver, the webhook arriving mid-request) share the file:
    # take the write lock at BEGIN so two transactions never deadlock upgrading a read lock,
    # wait for a busy lock instead of failing, and let readers run beside a writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process when Redis is available: allauth's rate limits count in it.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, sharing one client per pool (page_cache/redis_cache.py).
            "BACKEND": "page_cache.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mintkit",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Public pages anonymous visitors share, served from the cache above (page_cache/): the home page,
# the storefront directory and storefronts, and the plans. Each change that shows invalidates it.
PAGE_CACHE_PATHS = [r"^/$", r"^/storefront/([a-z0-9_-]+/)?$", r"^/billing/plans/$"]
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
# Cache-Control s-maxage: how long a CDN in front may keep a public page. With a CDN configured
# below, Wagtail's frontend_cache purges it on every change; without, it is the staleness bound.
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 5 * 60)
# A CDN to purge (wagtail.contrib.frontend_cache): a caching proxy that accepts PURGE requests
# (Varnish, Fastly-style) at FRONTEND_CACHE_PURGE_URL, or Cloudflare with a zone and API token.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONEID"),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-gb"
# Shown times (dashboard, editor, "today" on opening hours) are UK time; stored times are UTC.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work (emails, search and reference-index updates, webhooks to the Studio) goes
# through Django's tasks API into the database; the Procfile's `worker:` (`manage.py db_worker`)
# runs it. Failed tasks run again with growing delays (worker/retries.py), then show as failed
# under Task results in the Django admin. The test settings run tasks immediately instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASKS_RETRY_MAX_ATTEMPTS = env_int("TASKS_RETRY_MAX_ATTEMPTS", 6)
TASKS_RETRY_FIRST_DELAY_SECONDS = env_int("TASKS_RETRY_FIRST_DELAY_SECONDS", 30)

# --- Accounts (django-allauth) ---
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_DISPLAY = "accounts.profiles.display_name"
ACCOUNT_FORMS = {"signup": "accounts.forms.BusinessSignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {}  # allauth's defaults, counted in the shared cache above
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MintKit Hub"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "MintKit Hub <hello@mintkit.co.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email goes through a Django task (off the request path with a worker backend); the
# task delivers it with EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "accounts.email_backend.TaskQueueEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Product ---
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
TRIAL_DAYS = env_int("TRIAL_DAYS", 14)
MINTKIT_STUDIO_URL = env("MINTKIT_STUDIO_URL", "https://studio.mintkit.co.uk/")
MINTKIT_SHARED_SECRET = env("MINTKIT_SHARED_SECRET")

# --- Stripe ---
# The offline Stripe stand-in (billing/fake_stripe, `manage.py fake_stripe`) answers with these
# keys; development and the tests default to it, production refuses it.
FAKE_STRIPE_PORT = env_int("FAKE_STRIPE_PORT", 12111)
FAKE_STRIPE_SECRET_KEY = "sk_test_mintkit_offline_stand_in"
FAKE_STRIPE_PUBLIC_KEY = "pk_test_mintkit_offline_stand_in"
FAKE_STRIPE_WEBHOOK_SECRET = "whsec_mintkit_offline_stand_in"
STRIPE_API_BASE = env("STRIPE_API_BASE", "https://api.stripe.com").rstrip("/")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLIC_KEY = env("STRIPE_PUBLIC_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 20)
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 2)

# --- Wagtail ---
WAGTAIL_SITE_NAME = "MintKit Hub"
WAGTAILADMIN_BASE_URL = SITE_URL
# Search: the database (its per-write cost kept flat on PostgreSQL by search/database_backend.py),
# or OpenSearch when SEARCH_URL is set, for search beyond one database (docs/DEPLOYMENT.md).
SEARCH_URL = env("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [SEARCH_URL],
            # One index per root model (pages, images, documents), each named with this prefix.
            "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", "mintkit_"),
            "TIMEOUT": env_int("SEARCH_TIMEOUT_SECONDS", 5),
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}
WAGTAIL_WORKFLOW_ENABLED = False
# Email and password are changed through allauth only (verification, rate limits, one way in).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Owners upload without Wagtail's shared tag pool (storefront_pages/media_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "storefront_pages.media_forms.StorefrontImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "storefront_pages.media_forms.StorefrontDocumentForm"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents always go through Wagtail's serve view, never a redirect to the bucket, so the rule
# "an owner's document is public only while their live page links to it" cannot be bypassed.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Owners upload to a small server: cap files and decoded pixels so one upload cannot exhaust
# memory (a 40-megapixel RGBA image decodes to ~160 MB). Wagtail refuses larger ones with a message.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 5 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
