from django.apps import AppConfig


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = "Certifications"
    # No part of the catalogue counts certifications (core.cache.PARTS): an edit here
    # leaves the vocabulary's pages in place.
    catalogue_parts: tuple[str, ...] = ()

    def ready(self) -> None:
        from . import edits, history

        edits.connect()
        history.register()
