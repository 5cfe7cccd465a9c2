"""ROME codes join the shared vocabulary: careers and certifications both refer to them.

The rows stay where they are: this step only tells Django that skills.RomeCode
is the table certifications.RomeCode was; 0004 then renames it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("skills", "0002_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RomeCode",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("code", models.CharField(max_length=5, unique=True, verbose_name="code")),
                        (
                            "label",
                            models.CharField(blank=True, max_length=255, verbose_name="intitulé"),
                        ),
                    ],
                    options={
                        "verbose_name": "code ROME",
                        "verbose_name_plural": "codes ROME",
                        "ordering": ["code"],
                        "db_table": "certifications_romecode",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("code__regex", "^[A-N][0-9]{4}$")),
                                name="rome_code_format",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
