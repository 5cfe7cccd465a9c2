from django.apps import AppConfig, apps
from django.conf import settings


class CoreConfig(AppConfig):
    """What every page and app shares, and that imports no app of the site."""

    name = "core"
    verbose_name = "socle"

    def ready(self) -> None:
        from . import cache

        # Every write to a catalogue app's rows retires the cached pages (core.cache).
        cache.connect_signals(
            model
            for label in settings.CATALOGUE_APPS
            for model in apps.get_app_config(label).get_models()
        )
