"""A GIN index on the words of each entry's title and body together, on PostgreSQL only.

Wagtail's PostgreSQL search matches ``(title || body) @@ query``; its own indexes are on
``title`` and ``body`` apart, so without this one every search read every entry of the index.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_title_body "
    "ON wagtailsearch_indexentry USING GIN ((title || body))"
)
DROP = "DROP INDEX IF EXISTS search_indexentry_title_body"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_new_search_entries_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
