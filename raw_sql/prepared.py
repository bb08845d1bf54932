"""Hand-written reads planned once per PostgreSQL connection instead of on every run.

PostgreSQL planned a cold storefront's route (its page joined to every page type's row and two
images) in 0.7-0.9 ms and ran it in 0.3 ms: planning was most of the database's work for the
page. A statement run here is prepared on its connection the first time, in the same round
trip as that first run, and only executed afterwards; PostgreSQL then plans it again only when
a table it reads changes, or keeps one generic plan after a few runs when that costs no more.

Not done where one client connection does not keep one server session: behind PgBouncer's
transaction pooling, which Django's ``DISABLE_SERVER_SIDE_CURSORS`` database setting declares,
a statement prepared in one transaction may be missing in the next.
"""

import itertools
import re
import weakref

PLACEHOLDER = re.compile(r"%([s%])")


class PreparedStatements:
    """The statements prepared on one database session: their names, by their SQL."""

    def __init__(self):
        self.names = {}
        self.numbers = itertools.count(1)


# Per DB-API connection: a new connection (Django reconnects after CONN_MAX_AGE or a failed
# health check) is a new session, with nothing prepared.
prepared_on = weakref.WeakKeyDictionary()


def may_prepare(connection):
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "DISABLE_SERVER_SIDE_CURSORS"
    )


def execute(cursor, connection, sql, params):
    """Run ``sql`` (``%s`` placeholders, one per item of ``params``) on Django's ``cursor``."""
    if not may_prepare(connection):
        cursor.execute(sql, params)
        return
    statements = prepared_on.setdefault(connection.connection, PreparedStatements())
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    name = statements.names.get(sql)
    if name is not None:
        cursor.execute(f"EXECUTE {name}{arguments}", params)
        return
    # A fresh name each time: when a first run fails, its PREPARE may still have been kept
    # (prepared statements are not undone by a rollback), and preparing that name again would
    # fail from then on.
    name = f"raw_sql_{next(statements.numbers)}"
    positions = itertools.count(1)
    # %s becomes $1, $2, ... in order; %% stays, for the driver to turn into % as before.
    body = PLACEHOLDER.sub(
        lambda found: f"${next(positions)}" if found.group(1) == "s" else "%%", sql
    )
    cursor.execute(f"PREPARE {name} AS {body}; EXECUTE {name}{arguments}", params)
    statements.names[sql] = name
