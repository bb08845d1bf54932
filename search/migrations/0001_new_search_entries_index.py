"""A partial index on new search entries (title_norm still 1.0), on PostgreSQL only.

search.database_backend finds the entries it has just written with ``title_norm = 1.0``; without
this index that is a scan of the whole search index on every write.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_indexentry_new_title_norm "
    "ON wagtailsearch_indexentry (id) WHERE title_norm = 1.0"
)
DROP = "DROP INDEX IF EXISTS search_indexentry_new_title_norm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index)]
