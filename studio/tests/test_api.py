"""The Studio's signed API: exchanging a launch code once, and asking for an owner's access."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from accounts.tests.concurrency import all_at_once
from accounts.tests.factories import ProfileFactory
from billing.tests.factories import ACCESS_STATES, SubscriptionFactory, owner_in_state
from fake_studio.signing import verified_claims
from studio.models import MintKitAccess

from .signed import exchange, launch_code, signed_bytes_post, signed_post

OTHER_SECRET = "another-secret-of-at-least-32-bytes-long"


@pytest.mark.django_db
def test_exchange_gives_a_verified_token_with_the_owners_claims(owner_client):
    profile = owner_client.profile
    response = exchange(Client(), launch_code(owner_client))

    assert response.status_code == 200
    answer = response.json()
    claims = verified_claims(answer["token"], django_settings.MINTKIT_SHARED_SECRET)
    assert answer["claims"] == claims
    record = MintKitAccess.objects.get(profile=profile)
    assert claims["sub"] == str(record.external_id) != str(profile.pk)
    assert claims["business_name"] == profile.business_name
    assert claims["email"] == profile.contact_email
    assert claims["access_reason"] == "signup_trial"
    assert claims["access_until"] == int(profile.trial_ends_at.timestamp())
    assert 0 < claims["exp"] - claims["iat"] <= 120
    assert claims["jti"]


@pytest.mark.django_db
def test_a_code_works_once(owner_client):
    code = launch_code(owner_client)
    assert exchange(Client(), code).status_code == 200
    again = exchange(Client(), code)
    assert again.status_code == 400
    assert again.json() == {"error": "invalid_code"}


@pytest.mark.django_db
def test_every_launch_gets_a_new_token(owner_client):
    first = exchange(Client(), launch_code(owner_client)).json()["claims"]
    second = exchange(Client(), launch_code(owner_client)).json()["claims"]
    assert first["jti"] != second["jti"]
    assert first["sub"] == second["sub"]


@pytest.mark.django_db
def test_a_code_expires_after_60_seconds(owner_client):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        code = launch_code(owner_client)
        traveller.shift(timedelta(seconds=59))
        fresh = launch_code(owner_client)
        assert exchange(Client(), fresh).status_code == 200
        traveller.shift(timedelta(seconds=2))
        assert exchange(Client(), code).json() == {"error": "invalid_code"}


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["", "not-a-code", None, 12, ["x"], "x" * 1000])
def test_unknown_or_malformed_codes_are_invalid(code):
    response = exchange(Client(), code)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_code"}


@pytest.mark.django_db
def test_a_code_is_refused_when_access_ended_after_the_launch(owner_client):
    profile = owner_client.profile
    code = launch_code(owner_client)
    profile.trial_ends_at = timezone.now() - timedelta(seconds=1)
    profile.save()
    assert exchange(Client(), code).json() == {"error": "invalid_code"}


@pytest.mark.postgresql  # PostgreSQL's concurrent transactions
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_exchanges_of_one_code_exactly_one_wins():
    profile = ProfileFactory()
    browser = Client()
    browser.force_login(profile.user)
    for _ in range(5):
        code = launch_code(browser)
        statuses = all_at_once(8, lambda code=code: exchange(Client(), code).status_code)
        assert sorted(statuses) == [200] + [400] * 7
    print("\n5 codes × 8 concurrent exchanges: exactly one 200 and seven 400s each")


# --- signatures ----------------------------------------------------------------------------

# Each case as a function, so that timestamps are taken when the test runs.
BAD_SIGNATURES = {
    "wrong secret": lambda: {"secret": OTHER_SECRET},
    "stale": lambda: {"timestamp": int(time.time()) - 301},
    "from the future": lambda: {"timestamp": int(time.time()) + 301},
    "tampered body": lambda: {"body": b'{"code": "someone-elses-code", "sub": "x"}'},
}


def api_call(path, kwargs, code, sub):
    payload = {"code": code} if path.endswith("exchange/") else {"sub": sub}
    return signed_post(Client(), path, payload, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/studio/api/exchange/", "/studio/api/access/"])
@pytest.mark.parametrize("case", sorted(BAD_SIGNATURES))
def test_a_bad_signature_is_401_and_spends_nothing(owner_client, path, case):
    profile = owner_client.profile
    code = launch_code(owner_client)
    sub = str(MintKitAccess.objects.get(profile=profile).external_id)

    response = api_call(path, BAD_SIGNATURES[case](), code, sub)

    assert response.status_code == 401
    assert response.json() == {"error": "invalid_signature"}
    # The code was not spent by the refused call.
    assert exchange(Client(), code).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/studio/api/exchange/", "/studio/api/access/"])
@pytest.mark.parametrize("header", [None, "", "garbage", "t=abc,v1=00", "v1=00", "t=1", "t=1,v1=é"])
def test_a_missing_or_malformed_signature_is_401(path, header):
    extra = {} if header is None else {"HTTP_MINTKIT_SIGNATURE": header}
    response = Client().post(path, b'{"code": "x"}', content_type="application/json", **extra)
    assert response.status_code == 401
    assert response.json() == {"error": "invalid_signature"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/studio/api/exchange/", "/studio/api/access/"])
def test_the_api_answers_post_only_and_needs_no_csrf_cookie(path):
    assert Client().get(path).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert signed_post(strict, path, {"code": "x", "sub": "x"}).status_code in (400, 404)


@pytest.mark.django_db
def test_a_signed_body_that_is_not_a_json_object_is_400():
    for body in (b"[1, 2]", b"not json", b"\xff\xfe"):
        response = signed_bytes_post(Client(), "/studio/api/exchange/", body)
        assert response.status_code == 400
        assert response.json() == {"error": "invalid_request"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/studio/api/exchange/", "/studio/api/access/"])
def test_a_signed_body_nested_deeper_than_the_parser_goes_is_400_not_500(path):
    # Found by the fuzz suite: json.loads raised RecursionError, which the view did not expect.
    body = b"[" * 100_000 + b"]" * 100_000
    response = signed_bytes_post(Client(), path, body)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_request"}


# --- access --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("label", "trial", "status", "allowed", "reason"), ACCESS_STATES)
def test_access_api_answers_the_access_rule_for_every_state(label, trial, status, allowed, reason):
    profile = owner_in_state(trial, status)
    record = MintKitAccess.objects.create(profile=profile)

    response = signed_post(Client(), "/studio/api/access/", {"sub": str(record.external_id)})

    assert response.status_code == 200
    answer = response.json()
    assert answer["sub"] == str(record.external_id)
    assert answer["allowed"] is allowed
    assert answer["reason"] == reason
    if reason == "signup_trial":
        assert answer["until"] == int(profile.trial_ends_at.timestamp())
    elif reason == "none":
        assert answer["until"] is None
    else:
        assert isinstance(answer["until"], int)


@pytest.mark.django_db
def test_access_api_until_follows_the_subscription():
    profile = ProfileFactory(trial_ended=True)
    subscription = SubscriptionFactory(profile=profile, status="active")
    record = MintKitAccess.objects.create(profile=profile)
    answer = signed_post(Client(), "/studio/api/access/", {"sub": str(record.external_id)}).json()
    assert answer == {
        "sub": str(record.external_id),
        "allowed": True,
        "reason": "subscription",
        "until": int(subscription.current_period_end.timestamp()),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("sub", ["9b2f4c1e-0000-4000-8000-000000000000", "not-a-uuid", None, 5])
def test_access_api_unknown_sub_is_404(sub):
    ProfileFactory()
    response = signed_post(Client(), "/studio/api/access/", {"sub": sub})
    assert response.status_code == 404
    assert response.json() == {"error": "unknown_sub"}
