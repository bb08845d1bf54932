"""The signature examples in docs/STRIPE_MINTKIT_INTEGRATION.md are what the Hub really signs."""

from pathlib import Path

import pytest

from fake_studio.signing import check, sign
from studio import signing

DOCS = Path(__file__).resolve().parents[2] / "docs" / "STRIPE_MINTKIT_INTEGRATION.md"
SECRET = "example-secret-agreed-with-the-studio-32+"
TIMESTAMP = 1776941000
VECTORS = [
    (
        b'{"code":"q3XwZ0cJ5m8b0yQm2V5r7mH9rV4n3LkY1pR6sT8uWx0"}',
        "43967a5e1fab4d2f60c3d4e00569bca235ba51ac7498cd4c8e43164bbf417638",
    ),
    (
        b'{"sub":"3f2b6c1e-8d4a-4f0e-9a57-2c1d0b9e7a64"}',
        "c9c25a1f927241927adf24946375d12cf5138b35cab5c773863c304f0632741a",
    ),
    (
        b'{"id":"evt_5a1f2c3d4e5f60718293a4b5","type":"access.revoked","created":1776941000,'
        b'"data":{"sub":"3f2b6c1e-8d4a-4f0e-9a57-2c1d0b9e7a64","allowed":false,"reason":"none",'
        b'"until":null}}',
        "24a4a33bdf2e81ba177928818469ee702817b690977101cdfeeefd4df09e554a",
    ),
]


@pytest.mark.parametrize(("body", "digest"), VECTORS)
def test_documented_vectors_match_the_hub_and_the_stand_in(settings, body, digest):
    header = f"t={TIMESTAMP},v1={digest}"
    docs = DOCS.read_text()
    assert f"| `{body.decode()}` | `{header}` |" in docs
    assert signing.signature_header(body, TIMESTAMP, SECRET) == header
    assert sign(body, SECRET, TIMESTAMP) == header
    settings.MINTKIT_SHARED_SECRET = SECRET
    signing.verify(header, body, now=TIMESTAMP + 300)
    assert check(header, body, SECRET, now=TIMESTAMP - 300) is None
    with pytest.raises(signing.BadSignature):
        signing.verify(header, body, now=TIMESTAMP + 301)
    with pytest.raises(signing.BadSignature):
        signing.verify(header, body + b" ", now=TIMESTAMP)
