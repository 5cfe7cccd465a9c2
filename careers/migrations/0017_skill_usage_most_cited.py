"""Every vocabulary item has its count (0 until a published career names it), and the
counts are indexed most cited first: careers.querysets.most_cited walks that index from
the top, which finds every item only if none lacks its row.

A trigger gives each new item its row, whichever way it is written (save, bulk_create,
loaddata, raw SQL); the items already there without one get theirs. The SQL is frozen
here.
"""

from django.db import migrations, models

SQLITE = """CREATE TRIGGER careers_skillusage_item_insert AFTER INSERT ON skills_skill BEGIN
    INSERT INTO careers_skillusage (skill_id, careers) VALUES (new.id, 0)
        ON CONFLICT (skill_id) DO NOTHING;
END"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS careers_skillusage_item_insert"

# Once per statement, over its new items (an import writes thousands at once).
POSTGRES = """
    CREATE FUNCTION careers_skillusage_items_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO careers_skillusage (skill_id, careers)
            SELECT added.id, 0 FROM added ORDER BY added.id
            ON CONFLICT (skill_id) DO NOTHING;
        RETURN NULL;
    END $$;
    CREATE TRIGGER careers_skillusage_items_added AFTER INSERT ON skills_skill
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION careers_skillusage_items_added();
"""
POSTGRES_DROP = """
    DROP TRIGGER IF EXISTS careers_skillusage_items_added ON skills_skill;
    DROP FUNCTION IF EXISTS careers_skillusage_items_added();
"""
COUNT_THE_OTHERS = """
    INSERT INTO careers_skillusage (skill_id, careers)
    SELECT id, 0 FROM skills_skill
    WHERE id NOT IN (SELECT skill_id FROM careers_skillusage)
"""


def create(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    schema_editor.execute(POSTGRES if postgresql else SQLITE)
    schema_editor.execute(COUNT_THE_OTHERS)


def drop(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    schema_editor.execute(POSTGRES_DROP if postgresql else SQLITE_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0016_education_facet_index"),
        ("skills", "0008_sqlite_fts"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="skillusage",
            index=models.Index(fields=["-careers", "skill"], name="skillusage_most_cited"),
        ),
        migrations.RunPython(create, drop),
    ]
