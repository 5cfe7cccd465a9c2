import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render templates without a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no rendered page cached, so query counts stay honest."""
    cache.clear()
    yield
    cache.clear()
