"""Model instances from SQL written once per process: the queries every uncached public page runs.

Django compiles a queryset anew for every request. For the two queries that every cold public
page runs first (its site, and its path from the site's root down), compiling cost more than
the database did: about 11 ms of a 23 ms storefront page, measured in-process on the bench
database. Here their SELECT is written from the models' own metadata, and each row becomes
instances through ``Model.from_db`` after the converters the ORM itself applies
(``get_db_converters``), so what comes back is what the ORM would have made.
"""

import weakref


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
        cursor.execute(sql, params)
        return cursor.fetchall()
