"""The shared vocabulary: one row per soft skill, hard skill, tool or constraint.

"Communication" or "HubSpot" exists once and is linked from every career that
needs it; what a career says about it (its description, its score) lives on
the link (careers.CareerSkill).
"""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import slugify

from skills.search import Fields, ranked_search
from skills.text import normalise

SKILL_SEARCH = Fields(title="name", body="search_text")


class SkillKind(models.TextChoices):
    SOFT = "soft", "Soft skill"
    HARD = "hard", "Hard skill"
    TOOL = "tool", "Outil"
    CONSTRAINT = "constraint", "Contrainte"


class SkillQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> "SkillQuerySet":
        return self.filter(kind=kind)

    def with_usage(self) -> "SkillQuerySet":
        """Annotate how many published careers use each item.

        A plain COUNT of links: a career links an item at most once (unique
        constraint), and COUNT(DISTINCT) made PostgreSQL sort every link.
        """
        return self.annotate(
            career_count=Count("career_links", filter=Q(career_links__career__is_published=True))
        )

    def search(self, query: str) -> "SkillQuerySet":
        """Items whose name matches every word, best first."""
        return ranked_search(self, query, SKILL_SEARCH)


class SkillManager(models.Manager.from_queryset(SkillQuerySet)):
    def get_by_natural_key(self, slug: str) -> "Skill":
        return self.get(slug=slug)


class Skill(models.Model):
    kind = models.CharField("type", max_length=12, choices=SkillKind.choices)
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("slug", max_length=220, unique=True)
    # Lower-case, accent-free copy of the name, for portable accent-insensitive search.
    search_text = models.CharField(max_length=200, editable=False, default="")

    objects = SkillManager()

    class Meta:
        verbose_name = "élément du référentiel"
        verbose_name_plural = "référentiel (compétences, outils, contraintes)"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="skill_unique_kind_name"),
            models.CheckConstraint(condition=Q(kind__in=SkillKind.values), name="skill_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        self.search_text = normalise(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("skills:detail", kwargs={"slug": self.slug})

    def published_uses(self) -> models.QuerySet:
        """This item's links to published careers, with each career's own words, by title."""
        return (
            self.career_links.filter(career__is_published=True)
            .select_related("career", "tool_group__family")
            .order_by("career__title")
        )

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ToolFamilyManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> "ToolFamily":
        return self.get(slug=slug)


class ToolFamily(models.Model):
    """A family of tools ("Gestion de la relation client (CRM)")."""

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("slug", max_length=220, unique=True)

    objects = ToolFamilyManager()

    class Meta:
        verbose_name = "famille d'outils"
        verbose_name_plural = "familles d'outils"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
