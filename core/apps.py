from django.apps import AppConfig, apps
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate

# The group of the people who edit the catalogue in the admin.
EDITOR_GROUP = "Éditeur"


class CoreConfig(AppConfig):
    """What every page and app shares, and that imports no app of the site."""

    name = "core"
    verbose_name = "socle"

    def ready(self) -> None:
        from . import cache, redirects

        # Every write to a catalogue app's rows retires the cached pages (core.cache).
        cache.connect_signals(catalogue_models())
        # A request reads the catalogue's version once, whatever it caches.
        request_started.connect(cache.pin_for_request, dispatch_uid="pin-version")
        request_finished.connect(cache.unpin, dispatch_uid="unpin-version")
        # A page whose slug changes keeps answering at its old address (core.redirects).
        redirects.connect_signals(catalogue_models())
        post_migrate.connect(grant_editor_permissions, sender=self)


def catalogue_models() -> list:
    return [
        model
        for label in settings.CATALOGUE_APPS
        for model in apps.get_app_config(label).get_models()
    ]


def grant_editor_permissions(*, using: str = "default", **kwargs) -> None:
    """The Éditeur group may add, change, delete and view every model of the catalogue,
    and nothing else: granted after each migrate, so that a model added later is too."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    for label in settings.CATALOGUE_APPS:
        # Django creates them on each app's own post_migrate, which may come after this one.
        create_permissions(apps.get_app_config(label), verbosity=0, using=using)
    models = catalogue_models()
    types = ContentType.objects.db_manager(using).get_for_models(*models).values()
    codenames = [
        f"{action}_{model._meta.model_name}"
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    group, _ = Group.objects.db_manager(using).get_or_create(name=EDITOR_GROUP)
    group.permissions.set(
        Permission.objects.db_manager(using).filter(content_type__in=types, codename__in=codenames)
    )
