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


def database_name(database_url):
    return database_url.rsplit("/", 1)[1]


def recreate_database(database_url, copy_of=None):
    """Drop and create the database, empty or as a copy of the database at ``copy_of``."""
    import psycopg2

    name = database_name(database_url)
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    template = f' TEMPLATE "{database_name(copy_of)}"' if copy_of else ""
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"{template}')
    connection.close()


def analyze_database(database_url):
    """After seeding, at each size, what autovacuum does in a while (it is off on this
    machine's PostgreSQL, on by default elsewhere): fresh planner statistics, dead row versions
    cleared and the search index's pending entries merged (GIN's fast-update list: until merged,
    every search reads all of it). The plans and pages measured are a database's that has lived
    with its rows.

    Then a checkpoint: vacuuming freshly seeded tables dirties every page of them, and the
    writes measured next would otherwise wait on their flushing (create ~1.7x slower)."""
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
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


def measure_writes(database_urls, samples=12):
    """p50 time and queries of the three owner writes at each database, as the views run them
    (no HTTP): one result per database, in the order given.

    The rounds alternate between the databases, so both sizes are measured in the same minute:
    this machine ran the same writes up to 1.45x slower right after the seeding's minute of full
    load than at rest, which measuring one size before seeding and the other after read as cost
    growing with size (at rest the two measured alike)."""
    from django.db import connection

    timings = [{kind: [] for kind in WRITES} for _ in database_urls]
    queries = [{kind: [] for kind in WRITES} for _ in database_urls]
    stamp = int(time.time() * 1000)
    for number in range(samples):
        # Each round in the other order, so that neither size always follows the other.
        for index, database_url in list(enumerate(database_urls))[:: 1 if number % 2 else -1]:
            connection.close()
            connection.settings_dict["NAME"] = database_name(database_url)
            for kind, (seconds, count) in write_once(f"{stamp}-{number}").items():
                timings[index][kind].append(seconds)
                queries[index][kind].append(count)
    connection.close()
    connection.settings_dict["NAME"] = database_name(os.environ["DATABASE_URL"])
    return [
        {kind: (p50_ms(times[kind]), statistics.median(counts[kind])) for kind in WRITES}
        for times, counts in zip(timings, queries, strict=True)
    ]


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
        # Once before counting: what a process loads once for all its requests (content types)
        # is not the page's cost, and the first size measured would otherwise count it.
        Client().get(url)
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


# How every gunicorn here serves: production's gunicorn.conf.py with two workers, as the issue
# measured, never recycled mid-measurement, and each worker on a listening socket of its own.
#
# --max-requests 0: production recycles a worker every ~1,000 requests; at thousands a second
# that would restart workers mid-measurement and blur the floor and the pages alike.
#
# --reuse-port: wrk opens its 8 kept-alive connections at once, and with one shared listening
# socket the first gthread worker awake accepted all 8 in about a quarter of the runs: that
# page then measured at half the floor (1,400 against 3,200 req/s, `ss` showing 8 connections
# on one worker), whichever page it was, the floor included. With a socket per worker the
# kernel spreads the connections, as many independent visitors' connections spread in
# production. Production keeps one shared socket: with SO_REUSEPORT a worker being recycled
# keeps its socket until it exits, and the connections queued on it meanwhile are dropped.
WORKERS = 2
SERVING_OPTIONS = ["--workers", str(WORKERS), "--max-requests", "0", "--reuse-port"]


def wait_for_workers(url, port, seconds=60):
    """Until ``url`` answers and every worker listens: with --reuse-port a worker still booting
    has no socket yet, and the connections of a measurement started then would all go to the
    others."""
    wait_for(url, seconds)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        listening = subprocess.run(
            ["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        if len(listening) >= WORKERS:
            return
        time.sleep(0.3)
    raise SystemExit(f"fewer than {WORKERS} gunicorn workers listen on port {port}")


def start_gunicorn(page_cache):
    env = {**os.environ, "PAGE_CACHE_ENABLED": "true" if page_cache else "false"}
    process = subprocess.Popen(
        [GUNICORN, "mintkit_site.wsgi", "--bind", f"127.0.0.1:{WEB_PORT}", *SERVING_OPTIONS],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for_workers(f"http://127.0.0.1:{WEB_PORT}/healthz", WEB_PORT)
    return process


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(path, duration, port=WEB_PORT, connections=8):
    url = f"http://127.0.0.1:{port}{path}"
    for _ in range(3):
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 (prime: learn tags, then store)
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
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


def served_plain_wagtail(args):
    """A fresh `wagtail start` site's home page, cold, under the same gunicorn settings."""
    from benchmarks import plain_wagtail

    log("plain Wagtail's home page")
    database_url = args.database_url + "_plain"
    recreate_database(database_url)
    folder = plain_wagtail.build(Path(PYTHON).parent, database_url)
    server = plain_wagtail.start(
        Path(PYTHON).parent, folder, PROJECT / "gunicorn.conf.py", SERVING_OPTIONS
    )
    try:
        wait_for_workers(f"http://127.0.0.1:{plain_wagtail.PLAIN_PORT}/", plain_wagtail.PLAIN_PORT)
        return wrk("/", args.duration, port=plain_wagtail.PLAIN_PORT)
    finally:
        stop(server)
        shutil.rmtree(folder)


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
            "re-reads each subscription from the stand-in. Each delivery is signed and encoded "
            "before the clock starts and posted on a new connection: the figure is the Hub's "
            "work, not the sender's.",
            "",
            "| events/s | errors | every event stored once | subscriptions equal to Stripe's |",
            "| --- | --- | --- | --- |",
            f"| {burst['rate']:.0f} | {burst['errors']} | "
            f"{'yes' if burst['stored_once'] else 'NO'} | "
            f"{burst['equal']} of {burst['subscriptions']} |",
            "",
        ]
    )


FLOOR = "Django hello-world (the floor)"
PLAIN_WAGTAIL = "plain `wagtail start` home page (cold yardstick)"
# Pages whose query count must not grow with the number of storefronts.
SCALING_PAGES = {"directory": "/storefront/", "search": "/search/?q=bakery"}
SCALING_ROWS = {"directory": "directory `/storefront/`", "search": "search `/search/?q=bakery`"}


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
    manage("seed_storefronts", "--count", str(args.small))
    # Both sizes are measured as a database that has lived with its rows: without this the
    # small one had no planner statistics at all, and its writes measured 3-8 % slower than
    # after an ANALYZE (draft 0.80x large/small in one run, right at the +-20 % goal's edge).
    analyze_database(args.database_url)
    # The small size kept as it is, for its writes to be measured beside the large one's.
    small_url = args.database_url + "_small"
    recreate_database(small_url, copy_of=args.database_url)
    setup_django()
    staff_small = measure_staff_list()
    directory_small = measure_queries(SCALING_PAGES)

    log(f"seeding up to {args.storefronts} storefronts")
    before = seeded_count()
    started = time.monotonic()
    # Up to the large size: the small size is already there.
    manage("seed_storefronts", "--up-to", str(args.storefronts))
    seed_seconds = time.monotonic() - started
    analyze_database(args.database_url)
    size = seeded_count()
    seeded = size - before
    log(f"{size} live storefronts; writes at both sizes, alternately")
    writes_large, writes_small = measure_writes([args.database_url, small_url])
    staff_large = measure_staff_list()

    storefront = f"/storefront/seed-{args.storefronts // 2}/"
    pages = {
        FLOOR: "/bench/hello/",
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
            if not page_cache:
                # A request's own time: with 8 connections on 2 workers, p50 is mostly queueing.
                for name in SCALING_ROWS.values():
                    results[("alone", name)] = wrk(pages[name], args.duration, connections=1)
        finally:
            stop(server)
    results[("cold", PLAIN_WAGTAIL)] = served_plain_wagtail(args)
    burst = served_burst()

    measured = {
        "size": size,
        "seed_seconds": seed_seconds,
        "seeded": seeded,
        "pages": pages,
        "results": results,
        "counts": counts,
        "writes_small": writes_small,
        "writes_large": writes_large,
        "staff_small": staff_small,
        "staff_large": staff_large,
        "scaling_small": directory_small,
        "burst": burst,
    }
    table = render_burst(burst, render(args, measured)) + render_goals(args, measured)
    print(table)
    Path(args.output).write_text(table)
    log(f"written to {args.output}")


def render(args, measured):
    results, counts = measured["results"], measured["counts"]
    floor = {label: results[(label, FLOOR)]["rate"] for label in ("warm", "cold")}
    lines = [
        "# Performance",
        "",
        "Measured by `bin/bench` (benchmarks/run.py) in one run: gunicorn with 2 workers of 4",
        "threads (production's `gunicorn.conf.py`; each worker on its own listening socket,",
        "`--reuse-port`, so wrk's connections spread over both) and",
        "production settings (bench overrides: plain HTTP, local media, the offline Stripe",
        "stand-in), PostgreSQL and Redis on this machine; `wrk -t1 -c8` for "
        f"{args.duration} s per page. **Ratios** compare pages with the hello-world floor",
        "served by the same gunicorn in the same run; absolute figures depend on the machine",
        "and its load.",
        "",
        f"Live storefronts: {measured['size']} ({measured['seeded']:,} of them seeded in one "
        f"`seed_storefronts` run of {measured['seed_seconds']:.0f} s).",
        "",
        "## Pages",
        "",
        "| page | warm req/s | × floor | p50 | p99 "
        "| cold req/s | × floor | p50 | p99 | queries cold / warm |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in [*measured["pages"], PLAIN_WAGTAIL]:
        cold = results[("cold", name)]
        warm = results.get(("warm", name))
        queries = counts.get(name)
        warm_cells = (
            f"{warm['rate']:,.0f} | {warm['rate'] / floor['warm']:.2f} | "
            f"{warm['p50']:.1f} ms | {warm['p99']:.1f} ms"
            if warm
            else "– | – | – | –"
        )
        lines.append(
            f"| {name} | {warm_cells} | {cold['rate']:,.0f} | "
            f"{cold['rate'] / floor['cold']:.2f} | {cold['p50']:.1f} ms | {cold['p99']:.1f} ms | "
            f"{f'{queries[0]} / {queries[1]}' if queries else '–'} |"
        )
    errors = sum(result["errors"] for result in results.values())
    lines += [
        "",
        "Warm: the page cache on (anonymous visitors). Cold: the page cache off. "
        f"Non-2xx answers: {errors}. Plain Wagtail has no page cache, so it is served once.",
        "Queries: in-process, cold = every cache empty, warm = served from the page cache.",
        "",
        "## Writes (p50 of 12, in-process through the views' code, search and reference index",
        "updates queued for the worker)",
        "",
        "Both sizes after seeding, in alternating rounds (a copy of the database kept at "
        f"{args.small} storefronts), so a machine slowed by the seeding's load weighs on both.",
        "",
        f"| write | at {args.small} | queries | at {measured['size']} | queries | large ÷ small |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, label in WRITES.items():
        small, large = measured["writes_small"][kind], measured["writes_large"][kind]
        lines.append(
            f"| {label} | {small[0]:.0f} ms | {small[1]:.0f} | {large[0]:.0f} ms | "
            f"{large[1]:.0f} | {large[0] / small[0]:.2f} |"
        )
    staff_small, staff_large = measured["staff_small"], measured["staff_large"]
    lines += [
        "",
        "## What must not grow with the number of storefronts",
        "",
        f"| view | queries at {args.small} | queries at {measured['size']} "
        f"| p50 at {measured['size']} (cold, one connection) |",
        "| --- | --- | --- | --- |",
        f"| staff Businesses list `/admin/accounts/profile/` | {staff_small[0]} | "
        f"{staff_large[0]} | {staff_large[1]:.0f} ms (in-process) |",
    ]
    for key, name in SCALING_ROWS.items():
        lines.append(
            f"| {name} | {measured['scaling_small'][key][0]} | {counts[name][0]} | "
            f"{results[('alone', name)]['p50']:.1f} ms |"
        )
    lines += [
        "",
        "p50 here is one connection's (wrk -c1, page cache off): a request's own time. In the "
        "pages table, 8 connections share 2 workers, so its p50 is mostly waiting in line.",
        "",
    ]
    return "\n".join(lines)


WRITES = {
    "create": "create a storefront (POST /dashboard/storefront/new/)",
    "draft": "save a draft (save_revision)",
    "publish": "publish (POST /dashboard/storefront/publish/)",
}


def render_goals(args, measured):
    """Issue 10's goals, each with the figure that decides it."""
    results, counts = measured["results"], measured["counts"]
    floor = {label: results[(label, FLOOR)]["rate"] for label in ("warm", "cold")}
    storefront = "storefront page"
    goals = []
    for name in (storefront, "directory `/storefront/`", "home page"):
        ratio = results[("warm", name)]["rate"] / floor["warm"]
        goals.append((f"warm {name} ≥ 0.8× floor", f"{ratio:.2f}×", ratio >= 0.8))
    cold_queries = counts[storefront][0]
    goals.append(("cold storefront page ≤ 5 queries", str(cold_queries), cold_queries <= 5))
    versus_plain = results[("cold", storefront)]["rate"] / results[("cold", PLAIN_WAGTAIL)]["rate"]
    goals.append(
        ("cold storefront page ≥ 1.0× plain Wagtail", f"{versus_plain:.2f}×", versus_plain >= 1.0)
    )
    for key, name in SCALING_ROWS.items():
        small, large = measured["scaling_small"][key][0], counts[name][0]
        p50 = results[("alone", name)]["p50"]
        goals.append(
            (
                f"{key}: no more queries at the large size, p50 < 50 ms cold (one connection)",
                f"{small} → {large}, {p50:.1f} ms",
                # Fewer is allowed: a page of cards without images skips the images' query.
                large <= small and p50 < 50,
            )
        )
    staff_small, staff_large = measured["staff_small"], measured["staff_large"]
    goals.append(
        (
            "staff Businesses list: no more queries at the large size, p50 < 50 ms",
            f"{staff_small[0]} → {staff_large[0]}, {staff_large[1]:.0f} ms",
            staff_large[0] <= staff_small[0] and staff_large[1] < 50,
        )
    )
    for kind in WRITES:
        small, large = measured["writes_small"][kind], measured["writes_large"][kind]
        ratio = large[0] / small[0]
        goals.append(
            (
                f"{kind}: same cost at both sizes (±20 %), p50 < 150 ms",
                f"{ratio:.2f}×, queries {small[1]:.0f} → {large[1]:.0f}, {large[0]:.0f} ms",
                0.8 <= ratio <= 1.2 and small[1] == large[1] and large[0] < 150,
            )
        )
    burst = measured["burst"]
    goals.append(
        (
            "webhook burst ≥ 200 events/s, 0 errors, state equal to Stripe's",
            f"{burst['rate']:.0f}/s, {burst['errors']} errors, "
            f"{burst['equal']} of {burst['subscriptions']} equal",
            burst["rate"] >= 200
            and burst["errors"] == 0
            and burst["stored_once"]
            and burst["equal"] == burst["subscriptions"],
        )
    )
    seeded_per_second = measured["seeded"] / measured["seed_seconds"]
    goals.append(
        (
            "seed 10,000 storefronts in < 5 minutes",
            f"{measured['seeded']:,} in {measured['seed_seconds']:.0f} s "
            f"({seeded_per_second:.0f}/s, 10,000 ≈ {10_000 / seeded_per_second:.0f} s)",
            10_000 / seeded_per_second < 300,
        )
    )
    lines = ["", "## Goals (issue 10)", "", "| goal | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {goal} | {figure} | {'yes' if met else 'NO'} |" for goal, figure, met in goals]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
