"""The stand-in's HTTP server: code exchange, the access API call and the webhook receiver."""

import http.client
import json
import logging
import secrets
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

import jwt

from stand_in_http.serving import Listening, StandInHandler

from . import pages, signing

logger = logging.getLogger(__name__)

COOKIE = "fake_studio_session"
HUB_TIMEOUT_SECONDS = 10
# No proxies: the Hub is on this machine, and http_proxy must not reroute it.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class HubRefused(Exception):
    """The Hub answered the stand-in's signed call with an error: (status, JSON body)."""

    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


class FakeStudioServer:
    """A running stand-in: start() it, send owners to ``base_url``, stop() it.

    ``webhooks`` lists every access webhook received (verified or not), in order; ``sessions``
    who signed in, by cookie; ``access`` the newest access known for each owner (``sub``).
    With ``refuse_webhooks`` set it answers webhooks with 503, to show the Hub's retries.
    """

    def __init__(self, hub_url, secret, host="127.0.0.1", port=0):
        self.hub_url = hub_url.rstrip("/")
        self.secret = secret
        self.host = host
        self.port = port
        self.webhooks = []
        self.sessions = {}
        self.access = {}
        self.refuse_webhooks = False
        self._lock = threading.Lock()
        self._listening = None

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def start(self):
        self._listening = Listening(self.host, self.port, _Handler, self, "fake-studio")
        self.port = self._listening.port
        return self

    def stop(self):
        if self._listening is not None:
            self._listening.stop()
            self._listening = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    # --- calls to the Hub, signed ---------------------------------------------------------

    def call_hub(self, path, payload):
        """POST ``payload`` as JSON to the Hub, signed; the JSON answer, or HubRefused."""
        body = json.dumps(payload).encode()
        request = urllib.request.Request(  # noqa: S310 - the Hub's own http(s) address
            f"{self.hub_url}{path}",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "MintKit-Signature": signing.sign(body, self.secret),
            },
        )
        try:
            with _OPENER.open(request, timeout=HUB_TIMEOUT_SECONDS) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise HubRefused(exc.code, exc.read().decode(errors="replace")) from exc

    def exchange(self, code):
        """Swap a launch code for the owner's verified claims, as a real Studio would."""
        answer = self.call_hub("/studio/api/exchange/", {"code": code})
        claims = signing.verified_claims(answer["token"], self.secret)
        with self._lock:
            self.access[claims["sub"]] = {
                "reason": claims["access_reason"],
                "until": claims["access_until"],
                "created": claims["iat"],
            }
        return claims

    def check_access(self, sub):
        answer = self.call_hub("/studio/api/access/", {"sub": sub})
        with self._lock:
            self.access[sub] = {**answer, "created": int(time.time())}
        return answer

    # --- webhooks from the Hub ------------------------------------------------------------

    def receive_webhook(self, header, body):
        """Verify and record one webhook; returns the HTTP status to answer with."""
        if self.refuse_webhooks:
            return 503
        problem = signing.check(header, body, self.secret)
        try:
            event = json.loads(body)
            data = event["data"]
            summary = pages.access_text(data) + ("" if data["allowed"] else " (no access)")
        except (ValueError, KeyError, TypeError):
            event, data, summary = {}, None, "not an access event"
            problem = problem or "body is not an access event"
        entry = {
            "received": datetime.now(UTC).strftime("%H:%M:%S UTC"),
            "id": str(event.get("id", "?")),
            "type": str(event.get("type", "?")),
            "summary": summary,
            "verification": f"refused: {problem}" if problem else "verified",
        }
        with self._lock:
            self.webhooks.append(entry)
            known = self.access.get(data["sub"]) if data and not problem else None
            # Deliveries can arrive out of order after retries: keep the newest state.
            if data and not problem and (known is None or event["created"] >= known["created"]):
                self.access[data["sub"]] = {**data, "created": event["created"]}
        logger.info("Webhook %s (%s): %s", entry["id"], entry["type"], entry["verification"])
        return 400 if problem else 200

    # --- pages ----------------------------------------------------------------------------

    def handle(self, method, path, query, body, cookie):
        """One request: (status, headers, HTML)."""
        session = self.sessions.get(cookie)
        if method == "GET" and path == "/":
            code = dict(parse_qsl(query)).get("code")
            if code:
                return self._sign_in(code)
            return _html(*self._home(session))
        if method == "POST" and path == "/access" and session:
            try:
                session["checked"] = json.dumps(self.check_access(session["claims"]["sub"]))
            except (HubRefused, OSError, http.client.HTTPException, ValueError) as exc:
                session["checked"] = f"error: {exc}"
            return _redirect("/")
        if method == "POST" and path == "/webhooks/refuse":
            self.refuse_webhooks = dict(parse_qsl(body)).get("refuse") == "on"
            return _redirect("/")
        return _html(*pages.problem("There is no such page in the stand-in.", self.hub_url, 404))

    def _sign_in(self, code):
        try:
            claims = self.exchange(code)
        except HubRefused as refused:
            if refused.status == 400:
                message = (
                    "This launch link has expired or was already used. Open the Studio again "
                    "from MintKit Hub."
                )
            else:
                message = f"The Hub refused the exchange ({refused}); check MINTKIT_SHARED_SECRET."
            return _html(*pages.problem(message, self.hub_url, 400))
        except (OSError, http.client.HTTPException, ValueError, jwt.InvalidTokenError) as exc:
            logger.warning("Exchange with the Hub failed: %s", exc)
            message = f"Could not reach the Hub at {self.hub_url} or read its answer ({exc})."
            return _html(*pages.problem(message, self.hub_url, 502))
        session_id = secrets.token_urlsafe(24)
        with self._lock:
            self.sessions[session_id] = {"claims": claims}
        # Off the address bar at once: the code is spent, and a reload must not re-send it.
        status, headers, text = _redirect("/")
        headers["Set-Cookie"] = f"{COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax"
        return status, headers, text

    def _home(self, session):
        with self._lock:
            webhooks = list(self.webhooks)
            if session:
                claims = session["claims"]
                shown = {
                    "sub": claims["sub"],
                    "business_name": claims["business_name"],
                    "email": claims["email"],
                    "checked": session.get("checked"),
                }
                access = self.access.get(claims["sub"], {"reason": "none", "until": None})
            else:
                shown, access = None, None
        return pages.home(shown, access, webhooks, self.refuse_webhooks, self.hub_url)


def _html(status, html):
    return status, {"Content-Type": "text/html; charset=utf-8"}, html


def _redirect(location):
    return 303, {"Location": location, "Content-Type": "text/plain; charset=utf-8"}, location


class _Handler(StandInHandler):
    server_version = "FakeMintKitStudio/1.0"

    def answer(self, method, target, body):
        stand_in = self.server.stand_in
        if method == "POST" and target.path == "/webhooks":
            status = stand_in.receive_webhook(self.headers.get("MintKit-Signature"), body)
            self.send(status, {"Content-Type": "application/json"}, "{}")
            return
        cookie = SimpleCookie(self.headers.get("Cookie") or "").get(COOKIE)
        self.send(
            *stand_in.handle(
                method,
                target.path,
                target.query,
                body.decode("utf-8", errors="replace"),
                cookie.value if cookie else None,
            )
        )

    def bug_answer(self):
        return 500, {"Content-Type": "text/plain"}, "The Studio stand-in hit a bug."
