"""The stand-in's HTTP server: Stripe's API, the hosted pages and webhook delivery, in one."""

import base64
import binascii
import contextlib
import hmac
import ipaddress
import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl

from stand_in_http.serving import Listening, StandInHandler

from . import api, pages
from .errors import FakeStripeError, injected
from .objects import API_VERSION, new_id
from .params import decode, items
from .persistence import StateFile
from .state import FakeStripeState
from .webhooks import WebhookSender

logger = logging.getLogger(__name__)

# How often the state file catches up with changes; a clean stop writes the rest at once.
SAVE_EVERY_SECONDS = 1.0


@dataclass
class _Fault:
    """An injected failure or delay for the next ``remaining`` API calls under ``prefix``."""

    prefix: str
    value: float
    remaining: int


@dataclass(frozen=True)
class _Replay:
    """What an idempotent request asked and got, to answer its repeats the same way."""

    method: str
    path: str
    params: str
    request_id: str
    payload: str


def _reachable_host(host):
    """The address a browser or client should use for a server bound to ``host``."""
    try:
        unspecified = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return host
    return "127.0.0.1" if unspecified else host


def _masked(key):
    return f"{key[:8]}{'*' * max(len(key) - 12, 0)}{key[-4:]}" if len(key) > 12 else "****"


class FakeStripeServer:
    """A running stand-in: start() it, point the SDK at ``base_url``, stop() it.

    ``state`` holds every object (plain dicts), ``events`` every event emitted, in order.
    With a ``webhook_url``, events are also posted there, signed with ``webhook_secret``;
    otherwise they are only recorded, for tests to deliver themselves. With a ``state_file``,
    the objects, events and idempotent replies are loaded from it, written back to it within
    ``SAVE_EVERY_SECONDS`` of a change and on stop(), so a restarted stand-in still knows the ids
    the Hub stored; otherwise they live only in memory.
    """

    def __init__(
        self,
        api_key,
        webhook_secret,
        webhook_url=None,
        host="127.0.0.1",
        port=0,
        state_file=None,
    ):
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url or None
        self.host = host
        self.port = port
        self.state = FakeStripeState()
        self.state.webhook_endpoints = 1 if self.webhook_url else 0
        # Every delivery attempt ({"event", "type", "error", "at"}), and the events whose last
        # attempt failed, so a developer can see and resend what the Hub missed.
        self.deliveries = []
        self.undelivered = []
        self._deliveries_lock = threading.Lock()
        self._sender = (
            WebhookSender(self.webhook_url, webhook_secret, self._record_delivery)
            if self.webhook_url
            else None
        )
        self._faults_lock = threading.Lock()
        self._failures = []
        self._delays = []
        self._replays = {}
        self._listening = None
        self.state_file = StateFile(state_file) if state_file else None
        # One writer of the state file at a time; the state's change count it last wrote.
        self._save_lock = threading.Lock()
        self._saved_changes = 0
        self._saver = None
        self._stopping = threading.Event()
        if self.state_file and self.state_file.load(self._restore):
            logger.info(
                "Loaded %d customers, %d subscriptions and %d events from %s",
                len(self.state.customers),
                len(self.state.subscriptions),
                len(self.state.events),
                self.state_file.path,
            )

    # --- life cycle -----------------------------------------------------------------------

    @property
    def base_url(self):
        if self._listening is None:
            raise RuntimeError("The stand-in has no address until start() is called.")
        return self.state.base_url

    @property
    def events(self):
        return self.state.events

    def start(self):
        self._listening = Listening(self.host, self.port, _Handler, self, "fake-stripe")
        self.port = self._listening.port
        self.state.base_url = f"http://{_reachable_host(self.host)}:{self.port}"
        if self._sender:
            self._sender.start()
        if self.state_file:
            self._stopping.clear()
            self._saver = threading.Thread(
                target=self._save_periodically, name="fake-stripe-state-file", daemon=True
            )
            self._saver.start()
        return self

    def stop(self):
        if self._listening is not None:
            self._listening.stop()
            self._listening = None
        if self._sender:
            self._sender.stop()
        if self._saver is not None:
            self._stopping.set()
            self._saver.join()
            self._saver = None
        # Nothing changes any more: whatever the file is behind on is written now.
        self.save()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    def reset(self):
        """Forget every object, event, idempotent reply (in the state file too), pending fault
        and delivery record."""
        with self.state.lock:
            self.state.reset()
            self._replays.clear()
        self.save()
        with self._faults_lock:
            self._failures.clear()
            self._delays.clear()
        with self._deliveries_lock:
            self.deliveries.clear()
            self.undelivered.clear()

    # --- what tests and the hosted pages do ------------------------------------------------

    def complete_checkout(self, session_id):
        """Press "Pay with test card"; returns the events (already delivered, if there is a URL)."""
        with self.state.lock:
            try:
                events = self.state.complete_checkout(session_id)
            finally:
                # Even a refusal may have expired the session first.
                self.state.mark_changed()
        self.publish(events, wait=True)
        return events

    def portal_action(self, subscription_id, action, **params):
        """Press a hosted portal button (see state.PORTAL_ACTIONS); returns the events."""
        with self.state.lock:
            events = self.state.portal_action(subscription_id, action, **params)
            self.state.mark_changed()
        self.publish(events, wait=True)
        return events

    def fail_next(self, path_prefix, status=500, count=1):
        """The next ``count`` API calls whose path starts with ``path_prefix`` fail with
        ``status``: 402 is a declined card, 429 a rate limit, 5xx an api_error."""
        with self._faults_lock:
            self._failures.append(_Fault(path_prefix, status, count))

    def delay_next(self, path_prefix, seconds, count=1):
        """The next ``count`` matching API calls wait ``seconds`` first (then do their work)."""
        with self._faults_lock:
            self._delays.append(_Fault(path_prefix, seconds, count))

    def redeliver(self):
        """Post every undelivered event again, in order; returns those that still failed."""
        with self._deliveries_lock:
            retry = list(self.undelivered)
        self.publish(retry, wait=True)
        with self._deliveries_lock:
            return list(self.undelivered)

    # --- the state file -------------------------------------------------------------------

    def save(self):
        """Bring the state file up to date, if there is one and it is behind.

        Only encoding holds the state's lock (API calls wait for that much); the disk write does
        not. Returns when the file holds every change made before the call.
        """
        if self.state_file is None:
            return
        with self._save_lock:
            with self.state.lock:
                changes = self.state.changes
                if changes == self._saved_changes:
                    return
                replays = {key: asdict(replay) for key, replay in self._replays.items()}
                text = self.state_file.encode({"state": self.state.snapshot(), "replays": replays})
            if self.state_file.write(text):
                self._saved_changes = changes

    def _save_periodically(self):
        while not self._stopping.wait(SAVE_EVERY_SECONDS):
            self.save()

    def _restore(self, saved):
        # The replies first: a bad one must leave the state untouched, as restore() does.
        replays = {key: _Replay(**fields) for key, fields in saved["replays"].items()}
        self.state.restore(saved["state"])
        self._replays.update(replays)

    # --- webhooks --------------------------------------------------------------------------

    def publish(self, events, *, wait):
        if self._sender and events:
            self._sender.send(events, wait=wait)

    def _record_delivery(self, event, error):
        with self._deliveries_lock:
            self.deliveries.append(
                {"event": event["id"], "type": event["type"], "error": error, "at": time.time()}
            )
            listed = any(e["id"] == event["id"] for e in self.undelivered)
            if error and not listed:
                self.undelivered.append(event)
            elif not error and listed:
                self.undelivered[:] = [e for e in self.undelivered if e["id"] != event["id"]]
        if not error:
            with self.state.lock:
                event["pending_webhooks"] = 0
                self.state.mark_changed()

    # --- the API ---------------------------------------------------------------------------

    def handle_api(self, method, path, query, body, headers):
        """One API call: (status, JSON text, response headers, events to post afterwards)."""
        request_id = new_id("req_", 14)
        response_headers = {"Request-Id": request_id, "Stripe-Version": API_VERSION}
        try:
            self._authenticate(headers.get("Authorization"))
            self._apply_faults(path)
            endpoint, ids = api.resolve(method, path)
            if endpoint is None:
                raise FakeStripeError(
                    404, f"Unrecognized request URL ({method}: {path}).", param=None
                )
            raw = body if method == "POST" else query
            key = headers.get("Idempotency-Key") if method == "POST" else None
            changes_state = may_change_state(method, path)
            with self.state.lock:
                replay = self._replays.get(key) if key else None
                if replay is not None:
                    return self._replay(replay, key, method, path, raw, response_headers)
                first_event = len(self.state.events)
                # Only a call that can change something keeps an undo log and marks the state
                # file behind: reads (most of the Hub's webhook handling) stay cheap.
                undo = self.state.atomic() if changes_state else contextlib.nullcontext()
                with self.state.api_request(request_id, key), undo:
                    params = decode(raw)
                    result = endpoint(self.state, params, *ids)
                    expand = items(params, "expand")
                    payload = json.dumps(self.state.expand(result, expand) if expand else result)
                events = self.state.events[first_event:]
                if key:
                    self._replays[key] = _Replay(method, path, raw, request_id, payload)
            return 200, payload, response_headers, events
        except FakeStripeError as error:
            if error.status == 401:
                response_headers["WWW-Authenticate"] = 'Bearer realm="Stripe"'
            return error.status, json.dumps(error.body()), response_headers, []

    def _authenticate(self, header):
        if not header:
            raise FakeStripeError(
                401,
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY').",
            )
        scheme, _, credentials = header.partition(" ")
        key = credentials.strip()
        if scheme.lower() == "basic":
            # curl -u sk_test_...: sends the key as a Basic user name, as Stripe accepts.
            try:
                key = base64.b64decode(key, validate=True).decode().partition(":")[0]
            except (binascii.Error, UnicodeDecodeError):
                key = ""
        elif scheme.lower() != "bearer":
            key = ""
        if not hmac.compare_digest(key.encode(), self.api_key.encode()):
            raise FakeStripeError(401, f"Invalid API Key provided: {_masked(key)}")

    def _apply_faults(self, path):
        with self._faults_lock:
            delay = self._take(self._delays, path)
            failure = self._take(self._failures, path)
        if delay is not None:
            time.sleep(delay)
        if failure is not None:
            raise injected(int(failure))

    @staticmethod
    def _take(faults, path):
        for fault in faults:
            if path.startswith(fault.prefix):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    faults.remove(fault)
                return fault.value
        return None

    @staticmethod
    def _replay(replay, key, method, path, raw, response_headers):
        if (replay.method, replay.path, replay.params) != (method, path, raw):
            raise FakeStripeError(
                400,
                "Keys for idempotent requests can only be used with the same parameters they "
                f"were first used with. Try using a key other than '{key}' if you meant to "
                "execute a different request.",
                error_type="idempotency_error",
            )
        response_headers.update(
            {"Idempotent-Replayed": "true", "Original-Request": replay.request_id}
        )
        return 200, replay.payload, response_headers, []

    # --- the hosted pages ------------------------------------------------------------------

    def handle_page(self, method, path, query, body):
        """One hosted page request: (status, headers, HTML), after delivering its events."""
        parts = path.strip("/").split("/")
        form = dict(parse_qsl(body, keep_blank_values=True))
        if method == "GET" and path == "/":
            with self.state.lock, self._deliveries_lock:
                undelivered = {e["id"] for e in self.undelivered}
                return _html(*pages.status(self.state.events, undelivered, self.webhook_url))
        if method == "POST" and path == "/webhooks/redeliver":
            self.redeliver()
            return _redirect("/")
        if parts[0] == "checkout" and len(parts) in (2, 3):
            return self._checkout_page(method, parts[1], parts[2] if len(parts) == 3 else None)
        if parts[0] == "billing_portal" and len(parts) in (2, 3):
            done = dict(parse_qsl(query)).get("done")
            action = parts[2] if len(parts) == 3 else None
            return self._portal_page(method, parts[1], action, form, done)
        return _html(*pages.not_found("page"))

    def _checkout_page(self, method, session_id, step):
        try:
            with self.state.lock:
                session = self.state.checkout_session(session_id)
                # Opening a session past its 24 hours expires it.
                self.state.mark_changed()
                if method == "GET" and step is None:
                    if session["status"] == "complete":
                        return _html(*pages.checkout_complete(session))
                    if session["status"] != "open":
                        return _html(*pages.not_found("checkout"))
                    return _html(
                        *pages.checkout(self.state, session),
                        returns_to=(session["success_url"], session["cancel_url"] or ""),
                    )
            if method == "POST" and step == "pay":
                self.complete_checkout(session_id)
                return _redirect(
                    session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
                )
            if method == "POST" and step == "cancel":
                # Like Stripe's back link: the session stays open until it expires.
                if session["cancel_url"]:
                    return _redirect(session["cancel_url"])
                return _html(*pages.checkout_cancelled())
        except FakeStripeError as error:
            logger.info("Checkout page for session %s: %s", session_id, error.message)
        # An unknown or expired session gets the same friendly page as any dead link.
        return _html(*pages.not_found("checkout"))

    def _portal_page(self, method, portal_id, step, form, done):
        with self.state.lock:
            portal_session = self.state.portal_sessions.get(portal_id)
            if portal_session is None:
                return _html(*pages.not_found("billing portal"))
            if method == "GET" and step is None:
                return _html(*pages.portal(self.state, portal_session, done))
            subscription = self.state.subscriptions.get(form.get("subscription", ""))
        back = f"/billing_portal/{portal_id}"
        if method != "POST" or step != "actions":
            return _html(*pages.not_found("billing portal"))
        if subscription is None or subscription["customer"] != portal_session["customer"]:
            return _html(*pages.problem("That subscription is not one of yours.", back))
        action = form.get("action", "")
        params = {"price": form["price"]} if form.get("price") else {}
        try:
            self.portal_action(subscription["id"], action, **params)
        except FakeStripeError as error:
            return _html(*pages.problem(error.message, back))
        return _redirect(f"{back}?done={action}")


def may_change_state(method, path):
    """Writes change the state; of the reads, only Checkout Sessions' (one past its 24 hours
    expires when it is fetched or listed)."""
    return method != "GET" or path.startswith("/v1/checkout/")


def _html(status, html, returns_to=()):
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": pages.content_security_policy(returns_to),
    }
    return status, headers, html


def _redirect(location):
    return 303, {"Location": location, "Content-Type": "text/plain; charset=utf-8"}, location


class _Handler(StandInHandler):
    server_version = "FakeStripe/1.0"
    # Keep-alive, as Stripe's API answers: the SDK reuses its connection instead of opening one
    # (and the server a thread) per call. Every answer carries Content-Length (send).
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle's algorithm on a kept-alive connection the
    # body would wait for the client's delayed ACK (40 ms a call on Linux).
    disable_nagle_algorithm = True
    # An idle connection is closed after this long, so a client that keeps its pool for ever
    # does not keep a thread here for ever.
    timeout = 15

    def do_DELETE(self):
        self._dispatch("DELETE")

    def answer(self, method, target, body):
        stand_in = self.server.stand_in
        body = body.decode("utf-8")
        if target.path.startswith("/v1/"):
            status, payload, headers, events = stand_in.handle_api(
                method, target.path, target.query, body, self.headers
            )
            self.send(status, {**headers, "Content-Type": "application/json"}, payload)
            # After answering: a Hub that calls back into the API from its webhook handler
            # must not wait on the very request that caused the event.
            stand_in.publish(events, wait=False)
        else:
            self.send(*stand_in.handle_page(method, target.path, target.query, body))

    def bug_answer(self):
        error = FakeStripeError(
            500, "The offline Stripe stand-in hit a bug.", error_type="api_error"
        )
        return 500, {"Content-Type": "application/json"}, json.dumps(error.body())
