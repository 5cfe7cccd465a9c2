"""The one row every process reads to agree on the catalogue's version (core.cache)."""

from django.db import models


class CatalogueVersion(models.Model):
    """Bumped, once committed, by every write to the catalogue; cached pages are keyed on it."""

    name = models.CharField(max_length=20, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "version du catalogue"
        verbose_name_plural = "versions du catalogue"

    def __str__(self) -> str:
        return f"{self.name} : {self.value}"
