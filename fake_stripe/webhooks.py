"""Signing events exactly as Stripe signs them and posting them, in order, to one endpoint."""

import hashlib
import hmac
import http.client
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

# A slow Hub must not hold a hosted page for ever; Stripe itself waits a few seconds more.
DELIVERY_TIMEOUT_SECONDS = 10


def signature_header(payload, secret, timestamp):
    """``Stripe-Signature``: ``t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">``."""
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def check_endpoint(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"Webhook URL must be an http(s) URL, not {url!r}")
    return url


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Stripe counts a redirect as a failed delivery, so the stand-in does not follow one."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


# No proxies: the Hub is on this machine or network, and http_proxy must not reroute it.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


class WebhookSender:
    """Posts each event once, in the order given, from one worker thread.

    Callers that must answer only after delivery (the hosted pages) wait for their batch;
    API calls do not, so a Hub that calls the API from inside its webhook cannot dead-lock.
    ``on_result(event, error)`` hears about every attempt (``error`` is None on success).
    """

    def __init__(self, url, secret, on_result):
        self.url = check_endpoint(url)
        self.secret = secret
        self.on_result = on_result
        self._queue = queue.Queue()
        self._thread = None
        # Inline deliveries (before start or after stop) must not interleave with each other.
        self._inline = threading.Lock()

    def start(self):
        self._thread = threading.Thread(target=self._work, name="fake-stripe-webhooks", daemon=True)
        self._thread.start()

    def stop(self):
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=DELIVERY_TIMEOUT_SECONDS * 2)
            self._thread = None

    def send(self, events, *, wait):
        if not events:
            return
        if self._thread is None:
            with self._inline:
                for event in events:
                    self._deliver(event)
            return
        done = threading.Event()
        self._queue.put((events, done))
        if wait:
            done.wait()

    def _work(self):
        while (batch := self._queue.get()) is not None:
            events, done = batch
            try:
                for event in events:
                    self._deliver(event)
            finally:
                done.set()

    def _deliver(self, event):
        payload = json.dumps(event, indent=2).encode()
        request = urllib.request.Request(  # noqa: S310 - check_endpoint allowed http(s) only
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": signature_header(payload, self.secret, int(time.time())),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            },
        )
        try:
            with _OPENER.open(request, timeout=DELIVERY_TIMEOUT_SECONDS) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            error = f"HTTP {exc.code} from {self.url}"
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            error = f"could not reach {self.url}: {exc}"
        else:
            error = None
        if error:
            logger.warning("Webhook %s (%s) not delivered: %s", event["id"], event["type"], error)
        else:
            logger.info("Webhook %s (%s) delivered to %s", event["id"], event["type"], self.url)
        self.on_result(event, error)
