"""The fuzz suite's shared parts: hostile inputs, a request counter, and its printed case count.

Every case is one HTTP request through Django's test client: an unhandled exception fails the
case (the client re-raises it) and so does any 5xx answer. FUZZ_SCALE=N multiplies every test's
number of cases for a heavy run (e.g. FUZZ_SCALE=20 ./bin/test tests/fuzz) and draws new random
cases each run; the default is CI's fixed, repeatable set.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ_SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
# A whole run below this many cases fails: a change that quietly shrinks the suite (a strategy
# that filters most draws away, an example count cut) must be noticed, not just printed.
MINIMUM_CASES = 5_000
HERE = Path(__file__).parent
CASES = {"requests": 0, "server_errors": 0}
RUN = {"whole_suite": False, "some_deselected": False, "too_few": False}


def in_fuzz_suite(item):
    return HERE in Path(item.fspath).parents


def pytest_collection_modifyitems(config, items):
    for item in items:
        if in_fuzz_suite(item):
            item.add_marker(pytest.mark.fuzz)


def pytest_deselected(items):
    if any(in_fuzz_suite(item) for item in items):
        RUN["some_deselected"] = True


def pytest_collection_finish(session):
    # The minimum applies only when every fuzz module is collected and nothing in it deselected
    # (CI's full run), not to one file or ``-k`` while working on a test.
    modules = {Path(item.fspath) for item in session.items if in_fuzz_suite(item)}
    RUN["whole_suite"] = modules == set(HERE.glob("test_*.py"))


def pytest_sessionfinish(session, exitstatus):
    collect_only = session.config.option.collectonly
    whole_run = RUN["whole_suite"] and not RUN["some_deselected"] and not collect_only
    if whole_run and exitstatus == pytest.ExitCode.OK and CASES["requests"] < MINIMUM_CASES:
        RUN["too_few"] = True
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if CASES["requests"]:
        terminalreporter.write_line(
            f"Fuzz suite: {CASES['requests']:,} cases (requests), "
            f"{CASES['server_errors']} server errors (FUZZ_SCALE={FUZZ_SCALE})"
        )
    if RUN["too_few"]:
        terminalreporter.write_line(
            f"Fuzz suite FAILED: {CASES['requests']:,} cases is below the minimum of "
            f"{MINIMUM_CASES:,} (tests/fuzz/conftest.py MINIMUM_CASES)",
            red=True,
        )


def fuzz(examples):
    """Hypothesis settings for ``examples`` cases (times FUZZ_SCALE), repeatable in CI."""
    return settings(
        max_examples=examples * FUZZ_SCALE,
        deadline=None,
        database=None,
        derandomize=FUZZ_SCALE == 1,
        suppress_health_check=list(HealthCheck),
    )


@contextmanager
def one_case():
    """Each case starts from the same data and an empty cache (rate limits included)."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def send(client, method, path, data=None, *, then=None, **extra):
    """One request; fails the case on any server error. Returns the response.

    ``then(response)``, if given, runs before the case's changes are rolled back, to check them.
    """
    CASES["requests"] += 1
    with one_case():
        try:
            response = getattr(client, method)(path, data, **extra)
        except Exception:
            CASES["server_errors"] += 1  # the view raised: a 500 for a real visitor
            raise
        if response.status_code >= 500:
            CASES["server_errors"] += 1
            raise AssertionError(f"{method.upper()} {path!r} answered {response.status_code}")
        if then is not None:
            then(response)
    return response


# What people and scripts type: any text (no lone surrogates, which no UTF-8 form can carry),
# and the classics that break things.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b\x7f",
    "\r\n\r\n",
    "\u202e\u200b\ufeff",
    "' OR '1'='1' --",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "9" * 400,
    "-1",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "0x7fffffff",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
    "x" * 5000,
    "a@b",
    "owner@demo.mintkit.co.uk",
    "http://evil.example/",
    "javascript:alert(1)",
]
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
INPUT = st.one_of(TEXT, st.sampled_from(NASTY), st.integers().map(str))
