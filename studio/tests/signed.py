"""Calling the Studio API as the Studio does: JSON bodies signed with MintKit-Signature."""

import json
import time
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from fake_studio.signing import sign


def signed_bytes_post(client, path, body):
    """POST ``body`` byte for byte (JSON or not), correctly signed with the shared secret."""
    return client.post(
        path,
        body,
        content_type="application/json",
        HTTP_MINTKIT_SIGNATURE=sign(body, settings.MINTKIT_SHARED_SECRET, int(time.time())),
    )


def signed_post(client, path, payload, *, secret=None, timestamp=None, body=None):
    """POST ``payload`` signed (with ``secret`` at ``timestamp``); ``body`` replaces the sent
    bytes after signing, to tamper with them."""
    signed_body = json.dumps(payload).encode()
    header = sign(
        signed_body, secret or settings.MINTKIT_SHARED_SECRET, timestamp or int(time.time())
    )
    return client.post(
        path,
        body if body is not None else signed_body,
        content_type="application/json",
        HTTP_MINTKIT_SIGNATURE=header,
    )


def launch_code(client):
    """Press "Open MintKit Studio" as the signed-in owner; the code from the redirect."""
    response = client.post("/studio/launch/")
    assert response.status_code == 303, response
    return parse_qs(urlsplit(response["Location"]).query)["code"][0]


def exchange(client, code, **kwargs):
    return signed_post(client, "/studio/api/exchange/", {"code": code}, **kwargs)
