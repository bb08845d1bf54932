"""bin/bench: seed storefronts, serve production settings under gunicorn, measure, print one table.

Ratios are what this prints for comparison: absolute figures depend on the machine and on what
else runs on it. Every figure in one table comes from one run.
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = str(PROJECT / ".venv" / "bin" / "python")
GUNICORN = str(PROJECT / ".venv" / "bin" / "gunicorn")
# Overridable so two benchmarks can run side by side on one machine.
WEB_PORT = int(os.environ.get("BENCH_WEB_PORT", "12180"))
STRIPE_PORT = int(os.environ.get("BENCH_STRIPE_PORT", "12199"))

BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "mintkit_site.settings.bench",
    # Placeholders that let production's start-up checks pass; bench settings replace them.
    "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site",
    "MINTKIT_SHARED_SECRET": "bench-only-shared-secret-at-least-32-characters",
    "STRIPE_SECRET_KEY": "sk_test_bench_placeholder",
    "STRIPE_WEBHOOK_SECRET": "whsec_bench_placeholder",
    "ALLOW_LOCAL_MEDIA": "true",
    "BENCH_STRIPE_API_BASE": f"http://127.0.0.1:{STRIPE_PORT}",
    "LOG_LEVEL": "WARNING",
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--storefronts", type=int, default=10_000, help="the large size")
    parser.add_argument("--small", type=int, default=100, help="the small size for writes")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mintkit_bench"
        ),
        help="a PostgreSQL database this run drops and re-creates",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    )
    parser.add_argument("--output", default=str(PROJECT / "docs" / "PERFORMANCE.md"))
    parser.add_argument(
        "--burst-only",
        action="store_true",
        help="only the webhook burst, against the database as it is (seeded by an earlier run)",
    )
    return parser.parse_args()


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)


def recreate_database(database_url):
    import psycopg2

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def flush_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


# --- in-process measurements (the same settings, database and cache as the served site) ------


def setup_django():
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS.append("testserver")


class QueryCounter:
    """Counts the queries run inside it (CaptureQueriesContext loses some: each request resets
    Django's query log)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self):
        return self.count


def counting_queries():
    from contextlib import contextmanager

    from django.db import connection

    @contextmanager
    def counted():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            yield counter

    return counted()


def p50_ms(samples):
    return statistics.median(samples) * 1000


def measure_writes(samples=12):
    """p50 time and queries of the three owner writes, as the views run them (no HTTP)."""
    timings = {"create": [], "draft": [], "publish": []}
    queries = {"create": [], "draft": [], "publish": []}
    stamp = int(time.time() * 1000)
    for number in range(samples):
        for kind, (seconds, count) in write_once(f"{stamp}-{number}").items():
            timings[kind].append(seconds)
            queries[kind].append(count)
    return {kind: (p50_ms(timings[kind]), statistics.median(queries[kind])) for kind in timings}


def write_once(key):
    """A new owner creates, drafts and publishes a storefront: seconds and queries of each."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.profiles import ensure_profile
    from storefront_pages.models import StorefrontPage

    user = get_user_model().objects.create_user(
        username=f"bench-writer-{key}", email=f"bench-writer-{key}@bench.invalid", password=None
    )
    ensure_profile(user, f"Bench Writer {key}")
    client = Client()
    client.force_login(user)
    measured = {}

    def timed(kind, action, *args):
        with counting_queries() as captured:
            started = time.perf_counter()
            result = action(*args)
            measured[kind] = (time.perf_counter() - started, len(captured))
        return result

    created = timed(
        "create",
        client.post,
        "/dashboard/storefront/new/",
        {"name": f"Bench Writer {key}", "slug": f"bw-{key}"},
    )
    assert created.status_code == 302, created.status_code
    draft = StorefrontPage.objects.get(profile__user=user).get_latest_revision_as_object()
    draft.headline = "Fresh bread daily"
    timed("draft", draft.save_revision, user)
    published = timed("publish", client.post, "/dashboard/storefront/publish/")
    assert published.status_code == 302, published.status_code
    return measured


def measure_queries(urls):
    """Queries for each URL: cold (page cache and Wagtail's caches empty) and warm (cached)."""
    from django.core.cache import cache
    from django.test import Client

    counts = {}
    for name, url in urls.items():
        cache.clear()
        client = Client()
        with counting_queries() as cold:
            assert client.get(url).status_code == 200, url
        for _ in range(2):
            client.get(url)
        with counting_queries() as warm:
            client.get(url)
        counts[name] = (len(cold), len(warm))
    return counts


def measure_staff_list():
    """The staff Businesses list: queries and p50 time, served cold."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user_model = get_user_model()
    staff = user_model.objects.filter(is_superuser=True).first()
    client = Client()
    client.force_login(staff)
    url = "/admin/accounts/profile/"
    times = []
    for _ in range(5):
        with counting_queries() as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return len(captured), p50_ms(times)


def seeded_count():
    from storefront_pages.models import StorefrontPage

    return StorefrontPage.objects.live().count()


# --- served measurements ----------------------------------------------------------------------


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (a local URL we started)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def start_gunicorn(page_cache):
    env = {**os.environ, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
    process = subprocess.Popen(
        [
            GUNICORN,
            "mintkit_site.wsgi",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--workers",
            "2",
            # Production recycles a worker every ~1,000 requests; at thousands a second that
            # would restart workers mid-measurement and blur the floor and the pages alike.
            "--max-requests",
            "0",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{WEB_PORT}/healthz")
    return process


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(path, duration):
    url = f"http://127.0.0.1:{WEB_PORT}{path}"
    for _ in range(3):
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 (prime: learn tags, then store)
    output = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": rate,
        "p50": latency_ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def latency_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def served_burst():
    """The webhook burst against gunicorn and a Stripe stand-in process (webhook_burst.py)."""
    from benchmarks import webhook_burst

    log("webhook burst")
    stand_in = webhook_burst.start_stand_in(PYTHON, PROJECT, STRIPE_PORT)
    server = start_gunicorn(page_cache=True)
    try:
        wait_for(f"http://127.0.0.1:{STRIPE_PORT}/healthz")
        return webhook_burst.run_burst(
            f"http://127.0.0.1:{WEB_PORT}", f"http://127.0.0.1:{STRIPE_PORT}"
        )
    finally:
        stop(server)
        stop(stand_in)


def render_burst(burst, table=""):
    return table + "\n".join(
        [
            "",
            "## Webhook burst",
            "",
            f"{burst['deliveries']} signed deliveries of {burst['unique']} real events of the "
            f"offline stand-in for {burst['subscriptions']} subscriptions (the rest repeats), "
            "shuffled, 8 concurrent senders, against the same gunicorn (2 workers of 4 "
            "threads), which "
            "re-reads each subscription from the stand-in.",
            "",
            "| events/s | errors | every event stored once | subscriptions equal to Stripe's |",
            "| --- | --- | --- | --- |",
            f"| {burst['rate']:.0f} | {burst['errors']} | "
            f"{'yes' if burst['stored_once'] else 'NO'} | "
            f"{burst['equal']} of {burst['subscriptions']} |",
            "",
        ]
    )


# --- the run ----------------------------------------------------------------------------------


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    os.environ.update(BENCH_ENV)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["REDIS_URL"] = args.redis_url
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)

    if args.burst_only:
        setup_django()
        burst = served_burst()
        print(render_burst(burst))
        return

    log(f"re-creating {args.database_url.rsplit('/', 1)[1]}, migrating, seeding {args.small}")
    recreate_database(args.database_url)
    flush_redis(args.redis_url)
    manage("migrate", "--noinput")
    manage("seed_demo", "--force")  # a throwaway database: plans, the home page, a superuser
    started = time.monotonic()
    manage("seed_storefronts", "--count", str(args.small))
    setup_django()
    log("writes at the small size")
    writes_small = measure_writes()
    staff_small = measure_staff_list()
    directory_small = measure_queries({"directory": "/storefront/"})

    log(f"seeding up to {args.storefronts} storefronts")
    started = time.monotonic()
    manage("seed_storefronts", "--count", str(args.storefronts))
    seed_seconds = time.monotonic() - started
    size = seeded_count()
    log(f"{size} live storefronts; writes at the large size")
    writes_large = measure_writes()
    staff_large = measure_staff_list()

    storefront = f"/storefront/seed-{args.storefronts // 2}/"
    pages = {
        "Django hello-world (the floor)": "/bench/hello/",
        "storefront page": storefront,
        "directory `/storefront/`": "/storefront/",
        "directory, page 50": "/storefront/?page=50",
        "home page": "/",
        "plans `/billing/plans/`": "/billing/plans/",
        "search `/search/?q=bakery`": "/search/?q=bakery",
    }
    counts = measure_queries({name: url for name, url in pages.items() if "floor" not in name})

    results = {}
    for label, page_cache in (("warm", True), ("cold", False)):
        log(f"serving with the page cache {'on' if page_cache else 'off'}")
        flush_redis(args.redis_url)
        server = start_gunicorn(page_cache)
        try:
            for name, url in pages.items():
                results[(label, name)] = wrk(url, args.duration)
        finally:
            stop(server)
    burst = served_burst()

    table = render_burst(
        burst,
        render(
            args,
            size,
            seed_seconds,
            pages,
            results,
            counts,
            writes_small,
            writes_large,
            staff_small,
            staff_large,
            directory_small,
        ),
    )
    print(table)
    Path(args.output).write_text(table)
    log(f"written to {args.output}")


def render(
    args,
    size,
    seed_seconds,
    pages,
    results,
    counts,
    writes_small,
    writes_large,
    staff_small,
    staff_large,
    directory_small,
):
    floor = {
        label: results[(label, "Django hello-world (the floor)")]["rate"]
        for label in ("warm", "cold")
    }
    lines = [
        "# Performance",
        "",
        "Measured by `bin/bench` (benchmarks/run.py) in one run: gunicorn with 2 workers of 4",
        "threads (production's `gunicorn.conf.py`) and",
        "production settings (bench overrides: plain HTTP, local media, the offline Stripe",
        "stand-in), PostgreSQL and Redis on this machine; `wrk -t1 -c8` for "
        f"{args.duration} s per page. **Ratios** compare pages with the hello-world floor",
        "served by the same gunicorn in the same run; absolute figures depend on the machine",
        "and its load.",
        "",
        f"Live storefronts: {size} (seeded up to {args.storefronts} in {seed_seconds:.0f} s).",
        "",
        "## Pages",
        "",
        "| page | warm req/s | × floor | p50 | p99 "
        "| cold req/s | × floor | p50 | p99 | queries cold / warm |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in pages:
        warm, cold = results[("warm", name)], results[("cold", name)]
        queries = counts.get(name)
        lines.append(
            f"| {name} | {warm['rate']:,.0f} | {warm['rate'] / floor['warm']:.2f} | "
            f"{warm['p50']:.1f} ms | {warm['p99']:.1f} ms | {cold['rate']:,.0f} | "
            f"{cold['rate'] / floor['cold']:.2f} | {cold['p50']:.1f} ms | {cold['p99']:.1f} ms | "
            f"{f'{queries[0]} / {queries[1]}' if queries else '0'} |"
        )
    errors = sum(result["errors"] for result in results.values())
    lines += [
        "",
        "Warm: the page cache on (anonymous visitors). Cold: the page cache off. "
        f"Non-2xx answers: {errors}.",
        "Queries: in-process, cold = every cache empty, warm = served from the page cache.",
        "",
        "## Writes (p50 of 12, in-process through the views' code, search and reference index",
        "updates queued for the worker)",
        "",
        f"| write | at {args.small} | queries | at {size} | queries | large ÷ small |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, label in (
        ("create", "create a storefront (POST /dashboard/storefront/new/)"),
        ("draft", "save a draft (save_revision)"),
        ("publish", "publish (POST /dashboard/storefront/publish/)"),
    ):
        small, large = writes_small[kind], writes_large[kind]
        lines.append(
            f"| {label} | {small[0]:.0f} ms | {small[1]:.0f} | {large[0]:.0f} ms | "
            f"{large[1]:.0f} | {large[0] / small[0]:.2f} |"
        )
    lines += [
        "",
        "## Staff and directory at both sizes",
        "",
        f"| view | queries at {args.small} | queries at {size} | p50 at {size} |",
        "| --- | --- | --- | --- |",
        f"| staff Businesses list `/admin/accounts/profile/` | {staff_small[0]} | "
        f"{staff_large[0]} | {staff_large[1]:.0f} ms |",
        f"| directory (cold) | {directory_small['directory'][0]} | "
        f"{counts['directory `/storefront/`'][0]} | "
        f"{results[('cold', 'directory `/storefront/`')]['p50']:.1f} ms |",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
