"""One vocabulary: names compared folded, former names kept as aliases.

The old uniqueness on (kind, name) goes; careers 0007 folds the names and merges
the items that fold alike; skills 0007 then makes the folded names unique.
"""

import django.db.models.deletion
from django.db import migrations, models

SKILL_KINDS = [
    ("soft", "Soft skill"),
    ("hard", "Hard skill"),
    ("tool", "Outil"),
    ("constraint", "Contrainte"),
    ("savoir_faire", "Savoir-faire"),
    ("savoir_etre", "Savoir-être professionnel"),
    ("savoir", "Savoir"),
    ("context", "Contexte de travail"),
]


class Migration(migrations.Migration):

    dependencies = [
        ("skills", "0005_rome_vocabulary"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="skill", name="skill_unique_kind_name"),
        migrations.AddField(
            model_name="toolfamily",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.AlterField(
            model_name="toolfamily",
            name="name",
            field=models.CharField(max_length=200, verbose_name="nom"),
        ),
        migrations.CreateModel(
            name="SkillAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(choices=SKILL_KINDS, max_length=12, verbose_name="type")),
                (
                    "search_text",
                    models.CharField(max_length=255, verbose_name="ancien nom (replié)"),
                ),
                (
                    "skill",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="skills.skill",
                        verbose_name="élément",
                    ),
                ),
            ],
            options={
                "verbose_name": "ancien nom d'un élément",
                "verbose_name_plural": "anciens noms des éléments",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "search_text"), name="skillalias_unique_name"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ToolFamilyAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "search_text",
                    models.CharField(
                        max_length=200, unique=True, verbose_name="ancien nom (replié)"
                    ),
                ),
                (
                    "family",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="skills.toolfamily",
                        verbose_name="famille",
                    ),
                ),
            ],
            options={
                "verbose_name": "ancien nom d'une famille d'outils",
                "verbose_name_plural": "anciens noms des familles d'outils",
            },
        ),
    ]
