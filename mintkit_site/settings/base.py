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
    # First: X-Request-ID on every log line and response, and one log line per request.
    "home.request_logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL in any input is a 400 here, never a database error later.
    "home.request_guard.RefuseNulCharactersMiddleware",
    # Before sessions and the database: a cached public page costs one cache read (page_cache).
    "page_cache.middleware.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy and Permissions-Policy (home/security_headers.py).
    "home.security_headers.SitePolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Deny by default: owners reach only the admin views on storefront_pages.owner_admin's list.
    "storefront_pages.owner_admin.OwnerAdminMiddleware",
    # Wagtail's site root is not read again to route below it (page_cache/site_root.py).
    "page_cache.site_root.RouteBelowSiteRootMiddleware",
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
# Behind PgBouncer's transaction pooling (e.g. Heroku's connection pooling) one connection is not
# one server session from one transaction to the next: Django then keeps no server-side cursors
# open, and raw_sql prepares no statements (raw_sql/prepared.py).
if env_bool("DATABASE_TRANSACTION_POOLING", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
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

# One cache for every process when Redis is available: allauth's rate limits count in it. An
# outage degrades instead of failing requests (home/resilient_cache.py, docs/DEPLOYMENT.md).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    redis_options = {
        # Fail fast: a Redis that does not answer must not hold up every request.
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
        "health_check_interval": 30,
    }
    if REDIS_URL.startswith("rediss://"):
        # TLS. Heroku Data for Redis uses a self-signed certificate: set REDIS_SSL_CERT_REQS=none
        # there (app.json does); keep "required" wherever the provider's certificate verifies.
        redis_options["ssl_cert_reqs"] = env("REDIS_SSL_CERT_REQS", "required")
    CACHES = {
        "default": {
            "BACKEND": "home.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mintkit",
            "OPTIONS": redis_options,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Public pages anonymous visitors share, served from the cache above (page_cache/): the home page,
# the storefront directory and storefronts, and the plans. Each change that shows invalidates it.
PAGE_CACHE_PATHS = [r"^/$", r"^/storefront/([a-z0-9_-]+/)?$", r"^/billing/plans/$"]
# On by default only with Redis: a change made in one process (a worker, a scheduled command,
# another web process) must invalidate the copy every process serves, and a local-memory cache is
# each process's own.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
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
# allauth's emails say who they are from (not "[127.0.0.1:8600]"), and a changed email or
# password is reported to the owner (an email change to the old address).
ACCOUNT_EMAIL_SUBJECT_PREFIX = "MintKit Hub: "
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {}  # allauth's defaults, counted in the shared cache above
# allauth counts its per-IP limits by the client's address. Behind N proxies (Heroku's router is
# one) that is the N-th address from the right of X-Forwarded-For, the one our own proxy wrote;
# with 0 the header is ignored (a client can write anything there) and REMOTE_ADDR is used.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
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
# Where access-change webhooks go; unset, none are sent (studio/access_webhooks.py).
MINTKIT_STUDIO_WEBHOOK_URL = env("MINTKIT_STUDIO_WEBHOOK_URL")
# The offline Studio stand-in (fake_studio/, `manage.py fake_studio`): development's Studio.
FAKE_STUDIO_PORT = env_int("FAKE_STUDIO_PORT", 12112)

# --- Stripe ---
# The offline Stripe stand-in (fake_stripe, `manage.py fake_stripe`) answers with these
# keys; development and the tests default to it, production refuses it.
FAKE_STRIPE_PORT = env_int("FAKE_STRIPE_PORT", 12111)
FAKE_STRIPE_SECRET_KEY = "sk_test_mintkit_offline_stand_in"
FAKE_STRIPE_PUBLIC_KEY = "pk_test_mintkit_offline_stand_in"
FAKE_STRIPE_WEBHOOK_SECRET = "whsec_mintkit_offline_stand_in"
STRIPE_API_BASE = env("STRIPE_API_BASE", "https://api.stripe.com").rstrip("/")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLIC_KEY = env("STRIPE_PUBLIC_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
# The Stripe time budget, stated here and nowhere else. gunicorn (and Heroku's router) give a web
# request 30 s. Every Stripe call one request makes shares STRIPE_REQUEST_BUDGET_SECONDS (18 s);
# one attempt waits at most STRIPE_TIMEOUT_SECONDS (5 s), and the SDK retries a failed attempt
# (STRIPE_MAX_NETWORK_RETRIES, 2) only while the attempt and its back-off still fit in what is
# left: a hung Stripe costs a request 18 s at most, leaving 12 s for our own work and the
# friendly "couldn't reach our payment provider" answer. Outside a request (commands, the
# worker) each call gets the same per-attempt timeout and retries, without the shared budget.
STRIPE_REQUEST_BUDGET_SECONDS = env_int("STRIPE_REQUEST_BUDGET_SECONDS", 18)
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", 5)
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
# No avatars from gravatar.com: nothing loads from another host, and owners' email hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
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

# --- Content-Security-Policy (django-csp) ---
# Scripts and styles come from our own static files only: no inline code, no nonces (public pages
# are cached whole, so nothing may differ per request). The Stripe and Studio origins that forms
# lead to and the media bucket's origin are added per response (home/security_headers.py).
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # data: for the SVG icons Bootstrap's stylesheet draws with.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
# Origins uploaded images are served from when they are not on this site (production's bucket).
MEDIA_ORIGINS = []

# Every line carries the request's X-Request-ID. LOG_FORMAT=json (production's default) writes
# one JSON object per line for log platforms; plain is easier to read in a terminal.
LOG_FORMAT = env("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "home.request_logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        "json": {"()": "home.request_logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Error monitoring: Sentry when SENTRY_DSN is set, personal data removed (home/monitoring.py).
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from home.monitoring import start_monitoring

    start_monitoring(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", "production"),
        # Heroku's dyno metadata (or the build) names the deployed commit.
        release=env("HEROKU_SLUG_COMMIT") or env("SOURCE_VERSION"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
