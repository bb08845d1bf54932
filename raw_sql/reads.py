"""Model instances from SQL written once per process, for the few queries run on every request.

Django compiles a queryset anew each time it runs. For the queries every cold public page runs
first (its site, its path from the site's root down, its child rows: page_cache) and those of
every webhook's sync (billing/sync_statements.py), compiling cost more than the database did:
about 11 ms of a 23 ms storefront page, measured in-process on the bench database. Here the
SELECT is written from the models' own metadata, and each row becomes instances through
``Model.from_db`` after the converters the ORM itself applies (``get_db_converters``), so what
comes back is what the ORM would have made. On PostgreSQL each statement is also planned once
per connection (prepared.py). Anything else keeps using the ORM.
"""

import functools
import weakref

from django.db import connections, router

from . import prepared


class SelectList:
    """The columns of one hand-written SELECT, in order; each added once."""

    def __init__(self, connection):
        self.quote = connection.ops.quote_name
        self.expressions = []

    def column(self, table_alias, column):
        """The position of ``table_alias.column`` in the row."""
        return self.expression(f"{self.quote(table_alias)}.{self.quote(column)}")

    def expression(self, sql):
        if sql not in self.expressions:
            self.expressions.append(sql)
        return self.expressions.index(sql)

    def sql(self):
        return ", ".join(self.expressions)


class ModelReader:
    """One model's instance from its columns in a row.

    ``table_aliases`` names the table alias of each model whose fields the instance has: the
    model and, under multi-table inheritance, its concrete parents.
    """

    def __init__(self, model, table_aliases, select):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        self.positions = [
            select.column(table_aliases[field.model], field.column) for field in self.fields
        ]
        self.pk_position = self.positions[self.fields.index(model._meta.pk)]
        self._converters = weakref.WeakKeyDictionary()

    def read(self, row, connection):
        """The instance, or None when the row has none (an outer join found nothing)."""
        if row[self.pk_position] is None:
            return None
        values = [row[position] for position in self.positions]
        for index, converters, column in self.converters(connection):
            value = values[index]
            for convert in converters:
                value = convert(value, column, connection)
            values[index] = value
        return self.model.from_db(connection.alias, self.attnames, values)

    def converters(self, connection):
        """What the ORM applies to each column read on this connection (SQLite's dates and
        booleans, JSON and stream fields)."""
        if connection not in self._converters:
            found = []
            for index, field in enumerate(self.fields):
                column = field.get_col(field.model._meta.db_table)
                converters = connection.ops.get_db_converters(column) + column.get_db_converters(
                    connection
                )
                if converters:
                    found.append((index, converters, column))
            self._converters[connection] = found
        return self._converters[connection]


def fetch_rows(connection, sql, params):
    with connection.cursor() as cursor:
        prepared.execute(cursor, connection, sql, params)
        return cursor.fetchall()


class ChildRowsStatement:
    """The rows of a one-to-many relation (``related_name`` on a foreign key to the parent) for
    one parent, in the child model's default order."""

    def __init__(self, connection, parent_model, related_name):
        relation = parent_model._meta.get_field(related_name)
        child = relation.related_model
        quote = connection.ops.quote_name
        select = SelectList(connection)
        self.child = ModelReader(child, {child: "child"}, select)
        self.parent_key = relation.field
        order = []
        for name in child._meta.ordering:
            column = child._meta.get_field(name.removeprefix("-")).column
            direction = "DESC" if name.startswith("-") else "ASC"
            order.append(f"{quote('child')}.{quote(column)} {direction}")
        order.append(f"{quote('child')}.{quote(child._meta.pk.column)} ASC")
        self.sql = (
            # Names from the models' metadata, quoted; the parent's key is a parameter.
            f"SELECT {select.sql()} FROM {quote(child._meta.db_table)} {quote('child')} "  # noqa: S608
            f"WHERE {quote('child')}.{quote(relation.field.column)} = %s "
            f"ORDER BY {', '.join(order)}"
        )


@functools.cache
def child_rows_statement(database, parent_model, related_name):
    return ChildRowsStatement(connections[database], parent_model, related_name)


def read_children(parent, related_name):
    """What ``list(getattr(parent, related_name).all())`` reads from the database."""
    connection = connections[router.db_for_read(parent._meta.get_field(related_name).related_model)]
    statement = child_rows_statement(connection.alias, type(parent), related_name)
    children = []
    for row in fetch_rows(connection, statement.sql, [parent.pk]):
        child = statement.child.read(row, connection)
        statement.parent_key.set_cached_value(child, parent)
        children.append(child)
    return children
