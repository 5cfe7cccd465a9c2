"""PostgreSQL search support: extensions, the french_unaccent configuration, indexes.

Every step is a no-op on SQLite, whose fallback search needs none of it. Frozen:
written out here with Django's own classes only, never the search code.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CREATE_CONFIG = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END $$;
"""
DROP_CONFIG = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent"
# The full-text index is built from the very expression skill search filters on.
INDEXES = [
    GinIndex(
        SearchVector("name", "search_text", config="french_unaccent"), name="skill_search_vector"
    ),
    GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="skill_title_trgm"),
]


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.add_index(apps.get_model("skills", "Skill"), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.remove_index(apps.get_model("skills", "Skill"), index)


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(on_postgres(CREATE_CONFIG), on_postgres(DROP_CONFIG)),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
