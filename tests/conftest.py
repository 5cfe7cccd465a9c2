import pytest


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render templates without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
