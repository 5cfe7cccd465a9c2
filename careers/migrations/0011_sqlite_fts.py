"""Full-text search of careers on SQLite (FTS5).

SQLite only (PostgreSQL searches its own stored vectors): an FTS5 index of
`title` and `search_text`, accents folded by the tokenizer (`unicode61
remove_diacritics 2`), kept by triggers on every insert, update and delete (save,
bulk_create, bulk_update, loaddata, raw SQL), and filled with the rows already
there; an `fts5vocab` table lists its words, which typo tolerance reads instead of
every title. External content: the words are indexed, the text stays in the table.
The SQL is frozen here, whatever core/search.py becomes.
"""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE careers_career_fts USING fts5(
        title, search_text, content='careers_career', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    "CREATE VIRTUAL TABLE careers_career_fts_words USING fts5vocab(careers_career_fts, 'col')",
    """CREATE TRIGGER careers_career_fts_insert AFTER INSERT ON careers_career BEGIN
        INSERT INTO careers_career_fts(rowid, title, search_text)
            VALUES (new.id, new.title, new.search_text);
    END""",
    """CREATE TRIGGER careers_career_fts_delete AFTER DELETE ON careers_career BEGIN
        INSERT INTO careers_career_fts(careers_career_fts, rowid, title, search_text)
            VALUES ('delete', old.id, old.title, old.search_text);
    END""",
    """CREATE TRIGGER careers_career_fts_update AFTER UPDATE OF title, search_text ON careers_career BEGIN
        INSERT INTO careers_career_fts(careers_career_fts, rowid, title, search_text)
            VALUES ('delete', old.id, old.title, old.search_text);
        INSERT INTO careers_career_fts(rowid, title, search_text)
            VALUES (new.id, new.title, new.search_text);
    END""",
    "INSERT INTO careers_career_fts(careers_career_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS careers_career_fts_update",
    "DROP TRIGGER IF EXISTS careers_career_fts_delete",
    "DROP TRIGGER IF EXISTS careers_career_fts_insert",
    "DROP TABLE IF EXISTS careers_career_fts_words",
    "DROP TABLE IF EXISTS careers_career_fts",
]


def on_sqlite(statements):
    def step(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return step


class Migration(migrations.Migration):
    dependencies = [("careers", "0010_appellation_search_label")]

    operations = [migrations.RunPython(on_sqlite(CREATE), on_sqlite(DROP))]
