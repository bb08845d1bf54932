"""The hand-written reads are planned once per PostgreSQL session and still read what they did:
after a reconnection, a failed first run or a rollback, and not at all behind PgBouncer."""

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from page_cache.site_root import site_for_request
from raw_sql import prepared
from raw_sql.reads import fetch_rows

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

# A literal % (a LIKE pattern) and two parameters: what the routing statement has.
SQL = (
    'SELECT "slug" FROM "wagtailcore_page" WHERE "path" LIKE %s AND "slug" LIKE \'%%\' '
    'AND "depth" >= %s ORDER BY "path"'
)


def run_twice(sql, params):
    with CaptureQueriesContext(connection) as queries:
        first = fetch_rows(connection, sql, params)
        second = fetch_rows(connection, sql, params)
    return first, second, [query["sql"] for query in queries]


def test_a_read_is_prepared_on_its_first_run_in_the_same_round_trip_then_only_executed():
    expected = [
        (slug,)
        for slug in Site.objects.get(is_default_site=True)
        .root_page.get_descendants(inclusive=True)
        .order_by("path")
        .values_list("slug", flat=True)
    ]

    first, second, sent = run_twice(SQL, ["0001%", 2])

    assert first == second == expected
    assert len(sent) == 2
    assert sent[0].startswith("PREPARE raw_sql_") and "; EXECUTE raw_sql_" in sent[0]
    assert sent[1].startswith("EXECUTE raw_sql_") and "PREPARE" not in sent[1]


def test_another_session_prepares_its_own():
    fetch_rows(connection, SQL, ["0001%", 2])
    # A second connection to the same database: a reconnection is a new session like it.
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with CaptureQueriesContext(other) as queries:
            first = fetch_rows(other, SQL, ["0001%", 2])
            second = fetch_rows(other, SQL, ["0001%", 2])
    finally:
        other.close()

    assert first == second == fetch_rows(connection, SQL, ["0001%", 2])
    assert queries[0]["sql"].startswith("PREPARE ")
    assert queries[1]["sql"].startswith("EXECUTE ")


def test_a_failed_first_run_does_not_break_the_statement_for_later():
    failing = 'SELECT 1 / %s FROM "wagtailcore_page" WHERE "depth" = %s'
    with pytest.raises(DatabaseError), transaction.atomic():
        fetch_rows(connection, failing, [0, 1])  # division by zero, after the PREPARE

    assert fetch_rows(connection, failing, [1, 1]) == [(1,)]


def test_a_statement_prepared_in_a_rolled_back_transaction_is_still_there():
    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        fetch_rows(connection, SQL, ["0001%", 2])
        raise RolledBack

    _, _, sent = run_twice(SQL, ["0001%", 2])

    assert all(sql.startswith("EXECUTE ") for sql in sent)


def test_behind_pgbouncer_transaction_pooling_nothing_is_prepared(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)

    first, second, sent = run_twice(SQL, ["0001%", 2])

    assert first == second
    assert not any("PREPARE" in sql or "EXECUTE" in sql for sql in sent)


def test_the_site_is_found_alike_prepared_or_not(monkeypatch):
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    prepared_site = site_for_request(request)
    monkeypatch.setattr(prepared, "may_prepare", lambda connection: False)

    assert site_for_request(request) == prepared_site == Site.find_for_request(request)
