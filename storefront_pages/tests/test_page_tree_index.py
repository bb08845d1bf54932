"""The page tree's root is found through an index, whatever the number of storefronts."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_root_node_query_has_its_own_index():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert indexes["wagtailcore_page_root_nodes"]["columns"] == ["path"]
