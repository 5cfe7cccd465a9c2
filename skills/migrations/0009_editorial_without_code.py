"""An item the sheets name (an editorial kind) has no ROME code.

SQLite adds a CHECK by building the table again, and dropping the old one drops its
triggers: the search index's (0008) and the one that gives each new item its count
(careers 0017). They are read before and created again after, as they were.
"""

from contextlib import contextmanager

from django.db import migrations, models


@contextmanager
def triggers_kept(schema_editor, table):
    triggers = []
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            triggers = [sql for (sql,) in cursor.fetchall()]
    yield
    for sql in triggers:
        schema_editor.execute(sql, params=None)


class AddConstraintKeepingTriggers(migrations.AddConstraint):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        with triggers_kept(schema_editor, "skills_skill"):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        with triggers_kept(schema_editor, "skills_skill"):
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_old_slugs"),
        ("skills", "0008_sqlite_fts"),
    ]

    operations = [
        AddConstraintKeepingTriggers(
            model_name="skill",
            constraint=models.CheckConstraint(
                condition=models.Q(code_ogr="")
                | models.Q(kind__in=("savoir_faire", "savoir_etre", "savoir", "context")),
                name="skill_editorial_without_code",
            ),
        ),
    ]
