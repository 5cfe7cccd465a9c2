"""Folded names are unique now that careers 0007 merged the items that shared one."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("skills", "0006_vocabulary_aliases"),
        ("careers", "0007_fold_vocabulary"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="skill",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code_ogr", "")),
                fields=("kind", "search_text"),
                name="skill_unique_kind_folded_name",
            ),
        ),
        migrations.AlterField(
            model_name="toolfamily",
            name="search_text",
            field=models.CharField(editable=False, max_length=200, unique=True),
        ),
    ]
