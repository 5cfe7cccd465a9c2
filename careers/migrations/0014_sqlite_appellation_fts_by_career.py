"""The SQLite index of the ROME appellations keys each one by its career (FTS5).

SQLite only. 0012 indexed each appellation under its own id, so finding the careers
whose appellation holds a word read every matching appellation's row for its career:
3 000 rows for a common word, 6 ms of every search and filtered list that ranks them.
Here each appellation is indexed under `career_id << 32 | id`: the careers (rowid >> 32)
and the appellations (rowid & 0xFFFFFFFF) that match come from the index alone.

Contentless (`content=''`): the rowid is not a column of the table, so the index keeps
only the words, and the triggers give back the old text to delete an entry. Every
insert, update (of the label or of the career) and delete goes through them. The SQL
is frozen here, whatever core/search.py becomes.
"""

from django.db import migrations

KEY = "(({row}.career_id << 32) | {row}.id)"
OLD, NEW = KEY.format(row="old"), KEY.format(row="new")

CREATE = [
    "DROP TRIGGER IF EXISTS careers_appellation_fts_update",
    "DROP TRIGGER IF EXISTS careers_appellation_fts_delete",
    "DROP TRIGGER IF EXISTS careers_appellation_fts_insert",
    "DROP TABLE IF EXISTS careers_appellation_fts",
    """CREATE VIRTUAL TABLE careers_appellation_fts USING fts5(
        search_label, content='', tokenize='unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER careers_appellation_fts_insert AFTER INSERT ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(rowid, search_label) VALUES ({NEW}, new.search_label);
    END""",
    f"""CREATE TRIGGER careers_appellation_fts_delete AFTER DELETE ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(careers_appellation_fts, rowid, search_label)
            VALUES ('delete', {OLD}, old.search_label);
    END""",
    f"""CREATE TRIGGER careers_appellation_fts_update
        AFTER UPDATE OF search_label, career_id, id ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(careers_appellation_fts, rowid, search_label)
            VALUES ('delete', {OLD}, old.search_label);
        INSERT INTO careers_appellation_fts(rowid, search_label) VALUES ({NEW}, new.search_label);
    END""",
    """INSERT INTO careers_appellation_fts(rowid, search_label)
        SELECT (career_id << 32) | id, search_label FROM careers_appellation""",
]
# Back to 0012's index, under each appellation's own id.
REVERSE = [
    *CREATE[:4],
    """CREATE VIRTUAL TABLE careers_appellation_fts USING fts5(
        search_label, content='careers_appellation', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER careers_appellation_fts_insert AFTER INSERT ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(rowid, search_label) VALUES (new.id, new.search_label);
    END""",
    """CREATE TRIGGER careers_appellation_fts_delete AFTER DELETE ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(careers_appellation_fts, rowid, search_label)
            VALUES ('delete', old.id, old.search_label);
    END""",
    """CREATE TRIGGER careers_appellation_fts_update
        AFTER UPDATE OF search_label ON careers_appellation BEGIN
        INSERT INTO careers_appellation_fts(careers_appellation_fts, rowid, search_label)
            VALUES ('delete', old.id, old.search_label);
        INSERT INTO careers_appellation_fts(rowid, search_label) VALUES (new.id, new.search_label);
    END""",
    "INSERT INTO careers_appellation_fts(careers_appellation_fts) VALUES ('rebuild')",
]


def on_sqlite(statements):
    def step(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return step


class Migration(migrations.Migration):
    dependencies = [("careers", "0013_career_published_updated")]

    operations = [migrations.RunPython(on_sqlite(CREATE), on_sqlite(REVERSE))]
