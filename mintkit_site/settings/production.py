"""Production settings: refuses to start with anything unsafe or missing."""

from django.core.exceptions import ImproperlyConfigured

from billing.stand_in import is_offline_stand_in

from .base import *  # noqa: F403
from .base import FAKE_STRIPE_SECRET_KEY, LOGGING, STRIPE_API_BASE, env, env_bool, env_int


def required(name):
    value = env(name)
    if value is None:
        raise ImproperlyConfigured(
            f"{name} is not set. Production needs it in the environment; see docs/DEPLOYMENT.md."
        )
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = required("SECRET_KEY")
MINTKIT_SHARED_SECRET = required("MINTKIT_SHARED_SECRET")
if len(MINTKIT_SHARED_SECRET) < 32:
    # HS256 keys shorter than the hash are guessable (RFC 7518 §3.2).
    raise ImproperlyConfigured("MINTKIT_SHARED_SECRET must be at least 32 characters long.")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be false in production.")
STRIPE_SECRET_KEY = required("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = required("STRIPE_WEBHOOK_SECRET")
if is_offline_stand_in(STRIPE_API_BASE, STRIPE_SECRET_KEY, FAKE_STRIPE_SECRET_KEY):
    raise ImproperlyConfigured(
        "STRIPE_API_BASE points at the offline Stripe stand-in (or is not HTTPS); production "
        "must talk to Stripe itself. Unset STRIPE_API_BASE or set it to https://api.stripe.com."
    )

# One JSON object per log line for the log platform, unless LOG_FORMAT says otherwise.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")

# Behind Heroku's (or any) TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Uploads live in an S3-compatible bucket: a web process's own disk is gone on its next restart
# and is not shared with the other processes. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (read by boto3).
if env_bool("ALLOW_LOCAL_MEDIA", False):
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": required("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }
# Uploaded images are served from the bucket's own address: the Content-Security-Policy allows it.
if media_storage["BACKEND"] == "storages.backends.s3.S3Storage":
    bucket = media_storage["OPTIONS"]
    if bucket["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{bucket['custom_domain']}"]
    elif bucket["endpoint_url"]:
        MEDIA_ORIGINS = [bucket["endpoint_url"].rstrip("/")]
    else:
        MEDIA_ORIGINS = [f"https://{bucket['bucket_name']}.s3.amazonaws.com"]
        if bucket["region_name"]:
            region = bucket["region_name"]
            MEDIA_ORIGINS.append(f"https://{bucket['bucket_name']}.s3.{region}.amazonaws.com")
STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Heroku's router is the one proxy in front of the web process (see docs/DEPLOYMENT.md).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

ACCOUNT_EMAIL_VERIFICATION = "mandatory"
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
