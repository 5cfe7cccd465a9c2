"""Full-text search of the vocabulary on SQLite (FTS5).

SQLite only (PostgreSQL searches its own stored vectors): an FTS5 index of
`name` and `search_text`, accents folded by the tokenizer (`unicode61
remove_diacritics 2`), kept by triggers on every insert, update and delete (save,
bulk_create, bulk_update, loaddata, raw SQL), and filled with the rows already
there; an `fts5vocab` table lists its words, which typo tolerance reads instead of
every title. External content: the words are indexed, the text stays in the table.
The SQL is frozen here, whatever core/search.py becomes.
"""

from django.db import migrations

CREATE = [
    """CREATE VIRTUAL TABLE skills_skill_fts USING fts5(
        name, search_text, content='skills_skill', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    "CREATE VIRTUAL TABLE skills_skill_fts_words USING fts5vocab(skills_skill_fts, 'col')",
    """CREATE TRIGGER skills_skill_fts_insert AFTER INSERT ON skills_skill BEGIN
        INSERT INTO skills_skill_fts(rowid, name, search_text)
            VALUES (new.id, new.name, new.search_text);
    END""",
    """CREATE TRIGGER skills_skill_fts_delete AFTER DELETE ON skills_skill BEGIN
        INSERT INTO skills_skill_fts(skills_skill_fts, rowid, name, search_text)
            VALUES ('delete', old.id, old.name, old.search_text);
    END""",
    """CREATE TRIGGER skills_skill_fts_update AFTER UPDATE OF name, search_text ON skills_skill BEGIN
        INSERT INTO skills_skill_fts(skills_skill_fts, rowid, name, search_text)
            VALUES ('delete', old.id, old.name, old.search_text);
        INSERT INTO skills_skill_fts(rowid, name, search_text)
            VALUES (new.id, new.name, new.search_text);
    END""",
    "INSERT INTO skills_skill_fts(skills_skill_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS skills_skill_fts_update",
    "DROP TRIGGER IF EXISTS skills_skill_fts_delete",
    "DROP TRIGGER IF EXISTS skills_skill_fts_insert",
    "DROP TABLE IF EXISTS skills_skill_fts_words",
    "DROP TABLE IF EXISTS skills_skill_fts",
]


def on_sqlite(statements):
    def step(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return step


class Migration(migrations.Migration):
    dependencies = [("skills", "0007_vocabulary_unique")]

    operations = [migrations.RunPython(on_sqlite(CREATE), on_sqlite(DROP))]
