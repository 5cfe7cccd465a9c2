from django.apps import AppConfig

from core import cache


class CertificationsConfig(AppConfig):
    name = "certifications"
    verbose_name = "Certifications"
    # What an edit here may change beyond the whole catalogue (core.cache.PARTS): the
    # certifications' own part; the vocabulary's pages stay.
    catalogue_parts = (cache.CERTIFICATIONS,)

    def ready(self) -> None:
        from . import edits, history

        edits.connect()
        history.register()
