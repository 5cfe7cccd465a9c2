from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "careers"
    verbose_name = "Fiches métiers"

    def ready(self) -> None:
        from . import freshness, history, usage

        freshness.connect()
        history.register()
        usage.connect()
