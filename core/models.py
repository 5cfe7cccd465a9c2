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


class Dataset(models.Model):
    """An official source the catalogue imports: France Travail's ROME, France Compétences'
    RNCP. Every record imported from it points here, so that its page can say where it
    comes from, under which licence, in which version and since when."""

    slug = models.SlugField("identifiant", max_length=50, unique=True)
    publisher = models.CharField("producteur", max_length=100)
    title = models.CharField("jeu de données", max_length=200)
    version = models.CharField("version", max_length=100, blank=True)
    licence = models.CharField("licence", max_length=100)
    licence_url = models.URLField("adresse de la licence", blank=True)
    url = models.URLField("adresse du jeu de données", blank=True)
    imported_at = models.DateTimeField("importé le", null=True, blank=True)

    class Meta:
        verbose_name = "source de données"
        verbose_name_plural = "sources de données"
        ordering = ["publisher", "title"]

    def __str__(self) -> str:
        version = f" (version {self.version})" if self.version else ""
        return f"{self.publisher}, {self.title}{version}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class OldSlug(models.Model):
    """An address a page had before an editor changed its slug: it answers with a 301 to the
    page's address now (core.redirects)."""

    model = models.CharField("modèle", max_length=100)  # "careers.career"
    slug = models.SlugField("ancien slug", max_length=255)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "ancienne adresse"
        verbose_name_plural = "anciennes adresses"
        constraints = [models.UniqueConstraint(fields=["model", "slug"], name="oldslug_unique")]

    def __str__(self) -> str:
        return f"{self.model} : {self.slug}"
