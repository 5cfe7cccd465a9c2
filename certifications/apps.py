from django.apps import AppConfig


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = "Certifications"

    def ready(self) -> None:
        from . import edits, history

        edits.connect()
        history.register()
