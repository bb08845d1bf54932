"""One structured log line per request, every log line tagged with the request's X-Request-ID."""

import contextvars
import json
import logging
import re
import time
import uuid

import sentry_sdk
from django.utils.functional import empty

logger = logging.getLogger("mintkit.requests")

# Heroku's router sets X-Request-ID (a UUID); other proxies may too. A value that does not look
# like an id is replaced, so nobody can write into our logs through it.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,200}$")
_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record, so any log line can be traced to its request."""

    def filter(self, record):
        record.request_id = _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """A JSON object per line: what log platforms (Heroku's drains, Papertrail) parse."""

    EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "user_id")

    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        line.update({k: getattr(record, k) for k in self.EXTRA_FIELDS if hasattr(record, k)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class RequestLogMiddleware:
    """Takes the request id from X-Request-ID (or makes one), echoes it, logs the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else str(uuid.uuid4())
        request.request_id = request_id
        token = _request_id.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)  # a no-op unless Sentry is set up
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = _user_if_known(request)
            logger.info(
                "%s %s %s",
                request.method,
                request.path[:300],
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path[:300],
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            _request_id.reset(token)


def _user_if_known(request):
    """The request's user if the view already looked (never a session query just to log it)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user
