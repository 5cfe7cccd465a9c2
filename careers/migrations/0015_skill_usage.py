"""How many published careers name each vocabulary item, kept by triggers (careers.usage).

Every insert, delete and move of a link, and every career inserted, deleted, published
or withdrawn, moves the counts of the items concerned, in the write's own statement,
whichever way it is made (save, bulk_create, QuerySet.update, delete, loaddata, raw SQL).
A career links an item at most once (careerskill_unique_skill). Whichever of a career
and its links is deleted first, only the first counts: a link whose career is gone
counts for nothing, and a career takes off only the links it still has.

SQLite fires its triggers for each row; PostgreSQL's insert and delete triggers run once
per statement over its rows (transition tables), so that an import's bulk writes update
each item once. The rows already there are counted at the end. The SQL is frozen here.
"""

import django.db.models.deletion
from django.db import migrations, models

PUBLISHED = "(SELECT is_published FROM careers_career WHERE id = {row}.career_id)"
ADD_ONE = "ON CONFLICT (skill_id) DO UPDATE SET careers = careers_skillusage.careers + 1"
LINKED = "SELECT skill_id FROM careers_careerskill WHERE career_id = {row}.id"
# The links of a statement's transition table that count (their career is published), by item.
COUNTED = """SELECT {rows}.skill_id, COUNT(*) AS links FROM {rows}
            JOIN careers_career career ON career.id = {rows}.career_id AND career.is_published
            GROUP BY {rows}.skill_id"""

SQLITE = [
    f"""CREATE TRIGGER careers_skillusage_link_insert AFTER INSERT ON careers_careerskill
        WHEN {PUBLISHED.format(row="new")} BEGIN
        INSERT INTO careers_skillusage (skill_id, careers) VALUES (new.skill_id, 1) {ADD_ONE};
    END""",
    f"""CREATE TRIGGER careers_skillusage_link_delete AFTER DELETE ON careers_careerskill
        WHEN {PUBLISHED.format(row="old")} BEGIN
        UPDATE careers_skillusage SET careers = careers - 1 WHERE skill_id = old.skill_id;
    END""",
    f"""CREATE TRIGGER careers_skillusage_link_update
        AFTER UPDATE OF career_id, skill_id ON careers_careerskill
        WHEN old.career_id <> new.career_id OR old.skill_id <> new.skill_id BEGIN
        UPDATE careers_skillusage SET careers = careers - 1
            WHERE skill_id = old.skill_id AND {PUBLISHED.format(row="old")};
        INSERT INTO careers_skillusage (skill_id, careers)
            SELECT new.skill_id, 1 WHERE {PUBLISHED.format(row="new")} {ADD_ONE};
    END""",
    f"""CREATE TRIGGER careers_skillusage_career_insert AFTER INSERT ON careers_career
        WHEN new.is_published BEGIN
        INSERT INTO careers_skillusage (skill_id, careers)
            SELECT skill_id, 1 FROM careers_careerskill WHERE career_id = new.id {ADD_ONE};
    END""",
    f"""CREATE TRIGGER careers_skillusage_career_delete AFTER DELETE ON careers_career
        WHEN old.is_published BEGIN
        UPDATE careers_skillusage SET careers = careers - 1
            WHERE skill_id IN ({LINKED.format(row="old")});
    END""",
    f"""CREATE TRIGGER careers_skillusage_career_publish AFTER UPDATE OF is_published ON careers_career
        WHEN old.is_published <> new.is_published BEGIN
        UPDATE careers_skillusage SET careers = careers - 1
            WHERE NOT new.is_published AND skill_id IN ({LINKED.format(row="new")});
        INSERT INTO careers_skillusage (skill_id, careers)
            SELECT skill_id, 1 FROM careers_careerskill
            WHERE new.is_published AND career_id = new.id {ADD_ONE};
    END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS careers_skillusage_{name}"
    for name in (
        "link_insert",
        "link_delete",
        "link_update",
        "career_insert",
        "career_delete",
        "career_publish",
    )
]

# Every write locks the catalogue's version (core.cache.bump) until it commits. A count's
# row is locked after it, never before: else an editor linking an item and another saving
# a career and then linking it wait for each other (a deadlock, one of them cancelled).
LOCK_VERSION = "PERFORM 1 FROM core_catalogueversion WHERE name = 'catalogue' FOR UPDATE;"

POSTGRES = f"""
    CREATE FUNCTION careers_skillusage_links_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {LOCK_VERSION}
        INSERT INTO careers_skillusage (skill_id, careers)
            {COUNTED.format(rows="added")} ORDER BY added.skill_id
            ON CONFLICT (skill_id) DO UPDATE
            SET careers = careers_skillusage.careers + excluded.careers;
        RETURN NULL;
    END $$;
    CREATE TRIGGER careers_skillusage_links_added AFTER INSERT ON careers_careerskill
        REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION careers_skillusage_links_added();

    CREATE FUNCTION careers_skillusage_links_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {LOCK_VERSION}
        UPDATE careers_skillusage SET careers = careers_skillusage.careers - gone.links
            FROM ({COUNTED.format(rows="removed")}) AS gone
            WHERE careers_skillusage.skill_id = gone.skill_id;
        RETURN NULL;
    END $$;
    CREATE TRIGGER careers_skillusage_links_removed AFTER DELETE ON careers_careerskill
        REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION careers_skillusage_links_removed();

    CREATE FUNCTION careers_skillusage_link_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {LOCK_VERSION}
        UPDATE careers_skillusage SET careers = careers - 1
            WHERE skill_id = OLD.skill_id AND {PUBLISHED.format(row="OLD")};
        INSERT INTO careers_skillusage (skill_id, careers)
            SELECT NEW.skill_id, 1 WHERE {PUBLISHED.format(row="NEW")} {ADD_ONE};
        RETURN NULL;
    END $$;
    CREATE TRIGGER careers_skillusage_link_moved
        AFTER UPDATE OF career_id, skill_id ON careers_careerskill FOR EACH ROW
        WHEN (OLD.career_id <> NEW.career_id OR OLD.skill_id <> NEW.skill_id)
        EXECUTE FUNCTION careers_skillusage_link_moved();

    CREATE FUNCTION careers_skillusage_career_counted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {LOCK_VERSION}
        IF TG_OP = 'DELETE' OR NOT NEW.is_published THEN
            UPDATE careers_skillusage SET careers = careers - 1
                WHERE skill_id IN ({LINKED.format(row="OLD")});
        ELSE
            INSERT INTO careers_skillusage (skill_id, careers)
                SELECT skill_id, 1 FROM careers_careerskill WHERE career_id = NEW.id
                ORDER BY skill_id {ADD_ONE};
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER careers_skillusage_career_insert AFTER INSERT ON careers_career
        FOR EACH ROW WHEN (NEW.is_published) EXECUTE FUNCTION careers_skillusage_career_counted();
    CREATE TRIGGER careers_skillusage_career_delete AFTER DELETE ON careers_career
        FOR EACH ROW WHEN (OLD.is_published) EXECUTE FUNCTION careers_skillusage_career_counted();
    CREATE TRIGGER careers_skillusage_career_publish AFTER UPDATE OF is_published ON careers_career
        FOR EACH ROW WHEN (OLD.is_published <> NEW.is_published)
        EXECUTE FUNCTION careers_skillusage_career_counted();
"""
POSTGRES_DROP = """
    DROP TRIGGER IF EXISTS careers_skillusage_career_publish ON careers_career;
    DROP TRIGGER IF EXISTS careers_skillusage_career_delete ON careers_career;
    DROP TRIGGER IF EXISTS careers_skillusage_career_insert ON careers_career;
    DROP FUNCTION IF EXISTS careers_skillusage_career_counted();
    DROP TRIGGER IF EXISTS careers_skillusage_link_moved ON careers_careerskill;
    DROP FUNCTION IF EXISTS careers_skillusage_link_moved();
    DROP TRIGGER IF EXISTS careers_skillusage_links_removed ON careers_careerskill;
    DROP FUNCTION IF EXISTS careers_skillusage_links_removed();
    DROP TRIGGER IF EXISTS careers_skillusage_links_added ON careers_careerskill;
    DROP FUNCTION IF EXISTS careers_skillusage_links_added();
"""
COUNT_EXISTING = """
    INSERT INTO careers_skillusage (skill_id, careers)
    SELECT link.skill_id, COUNT(*) FROM careers_careerskill link
    JOIN careers_career career ON career.id = link.career_id AND career.is_published
    GROUP BY link.skill_id
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES)
    else:
        for statement in SQLITE:
            schema_editor.execute(statement)
    schema_editor.execute(COUNT_EXISTING)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    else:
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0014_sqlite_appellation_fts_by_career"),
        ("skills", "0008_sqlite_fts"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SkillUsage",
            fields=[
                (
                    "skill",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="usage",
                        serialize=False,
                        to="skills.skill",
                        verbose_name="élément",
                    ),
                ),
                (
                    "careers",
                    models.PositiveIntegerField(verbose_name="fiches publiées qui le citent"),
                ),
            ],
            options={
                "verbose_name": "usage d'un élément du référentiel",
                "verbose_name_plural": "usages des éléments du référentiel",
            },
        ),
        migrations.RunPython(create, drop),
    ]
