"""Full-text and trigram GIN indexes for career search (PostgreSQL only).

Frozen: the indexes are written out here, with Django's own classes only, so that
this migration never changes with the search code (core/search.py).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    GinIndex(
        SearchVector("title", "search_text", config="french_unaccent"),
        name="career_search_vector",
    ),
    GinIndex(fields=["title"], opclasses=["gin_trgm_ops"], name="career_title_trgm"),
]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.add_index(apps.get_model("careers", "Career"), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.remove_index(apps.get_model("careers", "Career"), index)


class Migration(migrations.Migration):
    dependencies = [("careers", "0001_initial"), ("skills", "0002_search")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
