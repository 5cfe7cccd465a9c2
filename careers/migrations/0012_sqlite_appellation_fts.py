"""Full-text index of the ROME appellations on SQLite (FTS5).

SQLite only, like 0011_sqlite_fts: an FTS5 index of `search_label` (the folded copy
of an appellation's labels), kept by triggers on every insert, update and delete, and
filled with the rows already there. A search finds the careers whose appellation holds
every word through it, instead of reading every appellation of every career it matched
(35 000 at 1 584 ROME fiches: 12 ms of a common word's search). External content: the
words are indexed, the text stays in the table. The SQL is frozen here.
"""

from django.db import migrations

CREATE = [
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
DROP = [
    "DROP TRIGGER IF EXISTS careers_appellation_fts_update",
    "DROP TRIGGER IF EXISTS careers_appellation_fts_delete",
    "DROP TRIGGER IF EXISTS careers_appellation_fts_insert",
    "DROP TABLE IF EXISTS careers_appellation_fts",
]


def on_sqlite(statements):
    def step(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return step


class Migration(migrations.Migration):
    dependencies = [("careers", "0011_sqlite_fts")]

    operations = [migrations.RunPython(on_sqlite(CREATE), on_sqlite(DROP))]
