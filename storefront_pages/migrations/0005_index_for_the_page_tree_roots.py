"""An index for the page tree's root, which every Wagtail admin page reads.

The admin's sidebar (the explorer and the Site history report) asks for the first root node:
``depth = 1 ORDER BY path``. Wagtail indexes neither column for that, so PostgreSQL scans the
whole page table, one row per storefront: ~3 ms at 10,000 storefronts on every staff admin page,
and growing. This partial index holds the one root row.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("storefront_pages", "0004_storefront_look_and_links"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS wagtailcore_page_root_nodes "
            "ON wagtailcore_page (path) WHERE depth = 1",
            reverse_sql="DROP INDEX IF EXISTS wagtailcore_page_root_nodes",
        ),
    ]
