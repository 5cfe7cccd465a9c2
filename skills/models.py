"""The shared vocabulary: one row per soft skill, hard skill, tool or constraint, tool
family and ROME code.

"Communication" or "HubSpot" exists once and is linked from every career that
needs it; what a career says about it (its description, its score) lives on
the link, in the apps above (careers.CareerSkill), which this one never names.
"""

from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from core.search import Fields, ranked_search
from core.site import slug_path
from core.text import normalise

SKILL_SEARCH = Fields(title="name", body="search_text")


class SkillKind(models.TextChoices):
    SOFT = "soft", "Soft skill"
    HARD = "hard", "Hard skill"
    TOOL = "tool", "Outil"
    CONSTRAINT = "constraint", "Contrainte"
    # France Travail's ROME 4.0 vocabulary, kept apart: never merged with the above by guessing.
    SAVOIR_FAIRE = "savoir_faire", "Savoir-faire"
    SAVOIR_ETRE = "savoir_etre", "Savoir-être professionnel"
    SAVOIR = "savoir", "Savoir"
    CONTEXT = "context", "Contexte de travail"


# The kinds a job sheet of the text format names; the others come from ROME fiches.
EDITORIAL_KINDS = (SkillKind.SOFT, SkillKind.HARD, SkillKind.TOOL, SkillKind.CONSTRAINT)
ROME_KINDS = (SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR_ETRE, SkillKind.SAVOIR, SkillKind.CONTEXT)
# What a job does and knows: two careers are close when they share these. Soft skills,
# savoir-être, constraints and work contexts ("Travail en équipe") are shared by most careers.
DEFINING_KINDS = (SkillKind.HARD, SkillKind.TOOL, SkillKind.SAVOIR_FAIRE, SkillKind.SAVOIR)


class SkillQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> "SkillQuerySet":
        return self.filter(kind=kind)

    def editorial(self) -> "SkillQuerySet":
        """The items the sheets name, those a career list filters on: of an editorial kind,
        and so without a ROME code (the constraint skill_editorial_without_code).

        Saying both lets the databases read these items from the (kind, folded name)
        index, which holds only the items without a code, instead of scanning the ROME's
        thousands (5.5 → 1.1 ms of SQL for the catalogue's facets).
        """
        return self.filter(kind__in=EDITORIAL_KINDS, code_ogr="")

    def search(self, query: str) -> "SkillQuerySet":
        """Items whose name matches every word, best first."""
        return ranked_search(self, query, SKILL_SEARCH)


class SkillManager(models.Manager.from_queryset(SkillQuerySet)):
    def get_by_natural_key(self, slug: str) -> "Skill":
        return self.get(slug=slug)


def skill_path(slug: str) -> str:
    """An item's page, from its slug alone (lists read rows, not instances)."""
    return slug_path("skills:detail", slug)


class Skill(models.Model):
    kind = models.CharField("type", max_length=12, choices=SkillKind.choices)
    name = models.CharField("nom", max_length=255)
    slug = models.SlugField("slug", max_length=255, unique=True)
    # ROME's own identifier of the item ("code OGR"): what a ROME import finds it by.
    code_ogr = models.CharField("code OGR (ROME)", max_length=20, blank=True)
    dataset = models.ForeignKey(
        "core.Dataset",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name="source",
    )
    # The name folded (core.text.normalise: case, accents, spaces and invisible characters
    # ignored): what search reads, and what tells one item from another.
    search_text = models.CharField(max_length=255, editable=False, default="")

    objects = SkillManager()

    class Meta:
        verbose_name = "élément du référentiel"
        verbose_name_plural = "référentiel (compétences, outils, contraintes)"
        ordering = ["kind", "name"]
        constraints = [
            # Sheets name their items ("Écoute active" and "Ecoute active" are one);
            # ROME fiches identify theirs by code.
            models.UniqueConstraint(
                fields=["kind", "search_text"],
                condition=Q(code_ogr=""),
                name="skill_unique_kind_folded_name",
            ),
            models.UniqueConstraint(
                fields=["code_ogr"], condition=~Q(code_ogr=""), name="skill_unique_code_ogr"
            ),
            models.CheckConstraint(condition=Q(kind__in=SkillKind.values), name="skill_kind_valid"),
            # A ROME code identifies the ROME's own items; the sheets' are known by name.
            models.CheckConstraint(
                condition=Q(code_ogr="") | Q(kind__in=ROME_KINDS),
                name="skill_editorial_without_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)
        self.search_text = normalise(self.name)
        previous = _folded_before(self)
        super().save(*args, **kwargs)
        if previous and previous != self.search_text:
            # Renamed: the sheets that name it the old way still find it on their next import.
            SkillAlias.objects.get_or_create(
                kind=self.kind, search_text=previous, defaults={"skill": self}
            )

    def get_absolute_url(self) -> str:
        return skill_path(self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ToolFamilyManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> "ToolFamily":
        return self.get(slug=slug)


class ToolFamily(models.Model):
    """A family of tools ("Gestion de la relation client (CRM)")."""

    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("slug", max_length=220, unique=True)
    # The name folded, as for skills: one family however its name is spelt.
    search_text = models.CharField(max_length=200, editable=False, unique=True)

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
        self.search_text = normalise(self.name)
        previous = _folded_before(self)
        super().save(*args, **kwargs)
        if previous and previous != self.search_text:
            ToolFamilyAlias.objects.get_or_create(search_text=previous, defaults={"family": self})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class RomeCodeManager(models.Manager):
    def get_by_natural_key(self, code: str) -> "RomeCode":
        return self.get(code=code)


class RomeCode(models.Model):
    """Répertoire opérationnel des métiers et des emplois ("N1303").

    France Travail's codes of jobs, which careers and certifications both refer to.
    """

    code = models.CharField("code", max_length=5, unique=True)
    label = models.CharField("intitulé", max_length=255, blank=True)

    objects = RomeCodeManager()

    class Meta:
        verbose_name = "code ROME"
        verbose_name_plural = "codes ROME"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-N][0-9]{4}$"), name="rome_code_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()

    def natural_key(self) -> tuple[str]:
        return (self.code,)


def _folded_before(item: models.Model) -> str:
    """The folded name the database holds for this item, before it is saved."""
    if item.pk is None:
        return ""
    stored = type(item).objects.filter(pk=item.pk).values_list("search_text", flat=True)
    return stored.first() or ""


class SkillAlias(models.Model):
    """A name a skill was known by before it was renamed, folded: imports still find it."""

    skill = models.ForeignKey(
        Skill, on_delete=models.CASCADE, related_name="aliases", verbose_name="élément"
    )
    kind = models.CharField("type", max_length=12, choices=SkillKind.choices)
    search_text = models.CharField("ancien nom (replié)", max_length=255)

    class Meta:
        verbose_name = "ancien nom d'un élément"
        verbose_name_plural = "anciens noms des éléments"
        constraints = [
            models.UniqueConstraint(fields=["kind", "search_text"], name="skillalias_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.search_text} → {self.skill}"


class ToolFamilyAlias(models.Model):
    """A name a tool family was known by before it was renamed, folded."""

    family = models.ForeignKey(
        ToolFamily, on_delete=models.CASCADE, related_name="aliases", verbose_name="famille"
    )
    search_text = models.CharField("ancien nom (replié)", max_length=200, unique=True)

    class Meta:
        verbose_name = "ancien nom d'une famille d'outils"
        verbose_name_plural = "anciens noms des familles d'outils"

    def __str__(self) -> str:
        return f"{self.search_text} → {self.family}"
