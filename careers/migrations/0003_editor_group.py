"""The "Éditeur" group: may add, change, delete and view every content model
(careers, certifications, skills), and nothing on users or groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Éditeur"
CONTENT_APPS = ["careers", "certifications", "skills"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after `migrate`; on a fresh database
    # they do not exist yet at this point, so create them now.
    for label in CONTENT_APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model._meta.model_name}"
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        for action in ACTIONS
    ]
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CONTENT_APPS, codename__in=codenames)
    )


def delete_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("careers", "0002_search_indexes"),
        ("certifications", "0002_search_indexes"),
        ("skills", "0002_search"),
    ]

    operations = [migrations.RunPython(create_editor_group, delete_editor_group)]
