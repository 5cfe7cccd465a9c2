"""certifications.RomeCode is now skills.RomeCode (skills 0003): the same table, so only
Django's state changes here; skills 0004 renames the table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("certifications", "0004_title_vector"),
        ("skills", "0003_romecode"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="certificationrome",
                    name="rome_code",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="skills.romecode",
                        verbose_name="code ROME",
                    ),
                ),
                migrations.AlterField(
                    model_name="certification",
                    name="rome_codes",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="certifications",
                        through="certifications.CertificationRome",
                        to="skills.romecode",
                    ),
                ),
                migrations.DeleteModel(name="RomeCode"),
            ],
            database_operations=[],
        ),
    ]
