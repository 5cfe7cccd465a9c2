"""skills.RomeCode takes its own table name (it kept certifications_romecode until now),
and its content type follows it, so that the permissions granted on it (the Éditeur
group's) still apply."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="skills", model="romecode").exists():
        ContentType.objects.filter(app_label="certifications", model="romecode").update(
            app_label="skills"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="certifications", model="romecode").exists():
        ContentType.objects.filter(app_label="skills", model="romecode").update(
            app_label="certifications"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("skills", "0003_romecode"),
        ("certifications", "0005_romecode_to_skills"),
    ]

    operations = [
        migrations.AlterModelTable(name="romecode", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
