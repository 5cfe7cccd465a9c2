"""Job sheets (fiches métiers).

A sheet is a Career plus ordered rows for each of its sections. Every text is
kept as the source writes it; an empty field means the source said nothing.
Texts are bounded (TEXT_MAX, SUMMARY_MAX): the admin's forms and the importers
refuse what is longer, so that PostgreSQL never has to (a search vector has a
size limit, and a 5 MB summary would make a 15 MB page).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from core import cache
from core.site import slug_path
from core.text import normalise
from skills.models import RomeCode, Skill, ToolFamily

from .querysets import CareerQuerySet, CareerSkillQuerySet
from .usage import SkillUsage  # noqa: F401  (registered with the app's models)

PERCENT = Q(percent__gte=0) & Q(percent__lte=100)
# The longest paragraph text a row may hold, and the longest summary (characters).
TEXT_MAX = 20_000
SUMMARY_MAX = 3_000


class CareerManager(models.Manager.from_queryset(CareerQuerySet)):
    def get_by_natural_key(self, slug: str) -> "Career":
        return self.get(slug=slug)


class Career(cache.PublicationParts, models.Model):
    title = models.CharField("intitulé", max_length=200)
    slug = models.SlugField("slug", max_length=220, unique=True)
    summary = models.TextField("résumé", max_length=SUMMARY_MAX)
    is_published = models.BooleanField("publiée", default=True)
    is_synthetic = models.BooleanField(
        "synthétique", default=False, help_text="Fiche générée pour les mesures de charge."
    )
    source_name = models.CharField("fichier source", max_length=255, blank=True)
    # What an import finds the career by ("fiche:<intitulé replié>", "rome:N1303"), never
    # its slug, which an editor may change; empty for a career made in the admin.
    source_key = models.CharField("clé de la source", max_length=255, blank=True, editable=False)
    # A digest of what the source said at the last import, and when that was: a reload
    # whose source has not changed writes nothing.
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField("dernier import", null=True, blank=True, editable=False)
    # Set by any write to the career or its rows other than an import (the admin, a
    # shell…): a reload then keeps the career as it is, and says so (careers.services).
    edited_at = models.DateTimeField(
        "modifiée depuis le dernier import", null=True, blank=True, editable=False
    )
    # Where an imported sheet comes from (a ROME fiche: France Travail's ROME); none for
    # the editorial sheets of fixtures/jobsheets/.
    dataset = models.ForeignKey(
        "core.Dataset",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="careers",
        verbose_name="source",
    )
    rome_codes = models.ManyToManyField(
        RomeCode,
        through="CareerRome",
        blank=True,
        related_name="careers",
        verbose_name="codes ROME",
    )
    # Lower-case, accent-free copy of every text of the sheet: portable search.
    search_text = models.TextField(editable=False, default="")
    # PostgreSQL only: title + search_text, and the title alone (ranking), parsed for
    # full-text search and kept by a trigger (core/search.py); stay empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField("mise à jour", auto_now=True)

    objects = CareerManager()
    # The vocabulary's counts count published careers only: publishing or withdrawing a
    # career moves its version; any other edit of a career leaves it (core.cache).
    publication_parts = (cache.VOCABULARY,)

    class Meta:
        verbose_name = "fiche métier"
        verbose_name_plural = "fiches métiers"
        ordering = ["title"]
        indexes = [
            models.Index(fields=["is_published", "title"], name="career_published_title"),
            # The catalogue's date (open data, downloads): the latest update of a published
            # career, read from the index rather than every row.
            models.Index(fields=["is_published", "updated_at"], name="career_published_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="career_unique_source_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_path("careers:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class CareerChild(models.Model):
    """Rows that belong to one career, in the source's order."""

    career = models.ForeignKey(Career, on_delete=models.CASCADE, verbose_name="fiche métier")
    position = models.PositiveSmallIntegerField("ordre")

    # A sheet's own words: no part of the catalogue counts them (core.cache).
    catalogue_parts: tuple[str, ...] = ()

    class Meta:
        abstract = True
        ordering = ["career", "position"]

    def natural_key(self) -> tuple:
        return (*self.career.natural_key(), self.position)

    natural_key.dependencies = ["careers.career"]


class ChildManager(models.Manager):
    def get_by_natural_key(self, career_slug: str, position: int):
        return self.get(career__slug=career_slug, position=position)


def ordered_child_constraints(name: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(fields=["career", "position"], name=f"{name}_unique_position"),
    ]


class SectionKind(models.TextChoices):
    FULFILMENT = "fulfilment", "Profil d'épanouissement"
    MISSIONS = "missions", "Missions"
    SOFT_SKILLS = "soft_skills", "Soft skills"
    HARD_SKILLS = "hard_skills", "Hard skills"
    EDUCATION = "education", "Formations"
    EXPERIENCE = "experience", "Expérience professionnelle"
    TOOLS = "tools", "Outils"
    CONSTRAINTS = "constraints", "Contraintes"
    SALARY = "salary", "Salaire"
    EVOLUTION = "evolution", "Évolution de carrière"
    FAQ = "faq", "Questions fréquentes"
    # The sections of a ROME 4.0 fiche.
    ACCESS = "access", "Accès au métier"
    APPELLATIONS = "appellations", "Appellations"
    SAVOIR_FAIRE = "savoir_faire", "Savoir-faire"
    SAVOIR_ETRE = "savoir_etre", "Savoir-être professionnels"
    SAVOIRS = "savoirs", "Savoirs"
    CONTEXTS = "contexts", "Contextes de travail"
    SECTORS = "sectors", "Secteurs d'activité"
    MOBILITIES = "mobilities", "Évolutions possibles"


class CareerSection(CareerChild):
    """The words around a section's items: headings, introduction, closing notes.

    `position` is the section's place in the source sheet, so the page can
    follow the source order.
    """

    kind = models.CharField("section", max_length=16, choices=SectionKind.choices)
    heading = models.CharField("titre", max_length=200, blank=True)
    subheading = models.CharField("sous-titre", max_length=200, blank=True)
    intro = models.TextField(
        "introduction",
        blank=True,
        max_length=TEXT_MAX,
        help_text="Paragraphes séparés par une ligne vide.",
    )
    note = models.TextField(
        "note", blank=True, max_length=TEXT_MAX, help_text="Paragraphes séparés par une ligne vide."
    )

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "section"
        verbose_name_plural = "sections"
        constraints = [
            *ordered_child_constraints("section"),
            models.UniqueConstraint(fields=["career", "kind"], name="section_unique_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=SectionKind.values), name="section_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.career} — {self.get_kind_display()}"


class Dimension(models.TextChoices):
    QUALITY_OF_LIFE = "qualite_de_vie", "Qualité de vie"
    FLEXIBILITY = "flexibilite", "Flexibilité"
    STIMULATION = "stimulation", "Stimulation"
    HUMAN_RELATIONS = "relations_humaines", "Relations humaines"
    CAREER = "carriere", "Carrière"


class FulfilmentScore(CareerChild):
    dimension = models.CharField("dimension", max_length=20, choices=Dimension.choices)
    percent = models.PositiveSmallIntegerField("pourcentage")
    hint = models.CharField("indication", max_length=255, blank=True)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "score d'épanouissement"
        verbose_name_plural = "profil d'épanouissement"
        constraints = [
            *ordered_child_constraints("fulfilment"),
            models.UniqueConstraint(fields=["career", "dimension"], name="fulfilment_unique_dim"),
            models.CheckConstraint(condition=PERCENT, name="fulfilment_percent_0_100"),
            models.CheckConstraint(
                condition=Q(dimension__in=Dimension.values), name="fulfilment_dimension_valid"
            ),
        ]
        indexes = [models.Index(fields=["dimension", "percent"], name="fulfilment_dim_percent")]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.percent} %"


class MissionBlock(CareerChild):
    """A group of tasks. The source gives blocks no title; an admin may add one."""

    title = models.CharField("titre", max_length=255, blank=True)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "bloc de missions"
        verbose_name_plural = "blocs de missions"
        constraints = ordered_child_constraints("missionblock")

    def __str__(self) -> str:
        return self.title or f"{self.career} — bloc {self.position + 1}"


class MissionManager(models.Manager):
    def get_by_natural_key(self, career_slug: str, block_position: int, position: int):
        return self.get(
            block__career__slug=career_slug, block__position=block_position, position=position
        )


class Mission(models.Model):
    block = models.ForeignKey(
        MissionBlock, on_delete=models.CASCADE, related_name="missions", verbose_name="bloc"
    )
    position = models.PositiveSmallIntegerField("ordre")
    text = models.TextField("mission", max_length=TEXT_MAX)
    catalogue_parts: tuple[str, ...] = ()  # a sheet's own words (CareerChild)

    objects = MissionManager()

    class Meta:
        verbose_name = "mission"
        verbose_name_plural = "missions"
        ordering = ["block", "position"]
        constraints = [
            models.UniqueConstraint(fields=["block", "position"], name="mission_unique_position")
        ]

    def __str__(self) -> str:
        return self.text

    def natural_key(self) -> tuple:
        return (*self.block.natural_key(), self.position)

    natural_key.dependencies = ["careers.missionblock"]


class ToolGroup(CareerChild):
    """A family of tools as one career presents it, with that career's description."""

    family = models.ForeignKey(
        ToolFamily, on_delete=models.PROTECT, related_name="career_groups", verbose_name="famille"
    )
    description = models.TextField("description", blank=True, max_length=TEXT_MAX)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "famille d'outils de la fiche"
        verbose_name_plural = "familles d'outils de la fiche"
        constraints = [
            *ordered_child_constraints("toolgroup"),
            models.UniqueConstraint(fields=["career", "family"], name="toolgroup_unique_family"),
        ]

    def __str__(self) -> str:
        return f"{self.career} — {self.family}"


class SkillGroupManager(models.Manager):
    def get_by_natural_key(self, career_slug: str, kind: str, position: int):
        return self.get(career__slug=career_slug, kind=kind, position=position)


class SkillGroup(CareerChild):
    """An enjeu (savoir-faire, savoir-être) or a category (savoirs, contexts) of a ROME fiche."""

    kind = models.CharField("section", max_length=16, choices=SectionKind.choices)
    label = models.CharField("intitulé", max_length=255)

    objects = SkillGroupManager()

    class Meta(CareerChild.Meta):
        verbose_name = "enjeu ou catégorie de la fiche"
        verbose_name_plural = "enjeux et catégories de la fiche"
        ordering = ["career", "kind", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["career", "kind", "position"], name="skillgroup_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SectionKind.values), name="skillgroup_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.career} — {self.label}"

    def natural_key(self) -> tuple:
        return (*self.career.natural_key(), self.kind, self.position)


class CareerSkillManager(models.Manager.from_queryset(CareerSkillQuerySet)):
    def get_by_natural_key(self, career_slug: str, skill_slug: str):
        return self.get(career__slug=career_slug, skill__slug=skill_slug)


class CareerSkill(models.Model):
    """A career's use of a vocabulary item: soft or hard skill, tool or constraint.

    `position` orders the items of one kind on the sheet. Hard skills carry a
    score and keywords; tools sit in one of the career's tool groups.
    """

    career = models.ForeignKey(
        Career, on_delete=models.CASCADE, related_name="skill_links", verbose_name="fiche métier"
    )
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="career_links", verbose_name="élément"
    )
    position = models.PositiveSmallIntegerField("ordre")
    description = models.TextField("description propre au métier", blank=True, max_length=TEXT_MAX)
    score = models.PositiveSmallIntegerField("score", null=True, blank=True)
    keywords = models.CharField("mots-clés", max_length=255, blank=True)
    tool_group = models.ForeignKey(
        ToolGroup,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tools",
        verbose_name="famille d'outils",
    )
    # ROME fiches: the enjeu or category the item sits under, and whether it is at the
    # heart of the job ("compétence clé") or one the job is gaining ("émergente").
    group = models.ForeignKey(
        "SkillGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="links",
        verbose_name="enjeu ou catégorie",
    )
    is_core = models.BooleanField("compétence clé", default=False)
    is_emerging = models.BooleanField("compétence émergente", default=False)

    objects = CareerSkillManager()

    class Meta:
        verbose_name = "compétence, outil ou contrainte de la fiche"
        verbose_name_plural = "compétences, outils et contraintes de la fiche"
        ordering = ["career", "position"]
        constraints = [
            models.UniqueConstraint(fields=["career", "skill"], name="careerskill_unique_skill"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="careerskill_score_0_100",
            ),
            models.CheckConstraint(
                condition=~(Q(is_core=True) & Q(is_emerging=True)),
                name="careerskill_core_or_emerging",
            ),
        ]
        indexes = [models.Index(fields=["skill", "career"], name="careerskill_skill_career")]

    def __str__(self) -> str:
        return f"{self.career} — {self.skill.name}"

    def natural_key(self) -> tuple:
        return (*self.career.natural_key(), *self.skill.natural_key())

    natural_key.dependencies = ["careers.career", "skills.skill", "careers.toolgroup"]


class EducationLevel(CareerChild):
    catalogue_parts = (cache.VOCABULARY,)  # the career list's diploma facets count them

    name = models.CharField("diplôme", max_length=100)
    level_label = models.CharField("niveau", max_length=100, blank=True)
    ects = models.PositiveSmallIntegerField("crédits ECTS", null=True, blank=True)
    description = models.TextField("présentation du diplôme", blank=True, max_length=TEXT_MAX)
    career_text = models.TextField("pour ce métier", blank=True, max_length=TEXT_MAX)
    note = models.TextField("note", blank=True, max_length=TEXT_MAX)
    programmes_label = models.CharField("formations proposées", max_length=255, blank=True)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "niveau de formation"
        verbose_name_plural = "niveaux de formation"
        # The catalogue's diploma facets, counted from this index alone (name, then careers).
        indexes = [models.Index(fields=["name", "career", "level_label"], name="education_facet")]
        constraints = [
            *ordered_child_constraints("education"),
            models.CheckConstraint(
                condition=Q(ects__isnull=True) | Q(ects__lte=600), name="education_ects_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.level_label})" if self.level_label else self.name

    @property
    def bac_plus(self) -> int | None:
        """2 for "BAC +2": the number the certification levels are matched on."""
        digits = "".join(char for char in self.level_label if char.isdigit())
        return int(digits) if digits else None


class ExperiencePath(CareerChild):
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True, max_length=TEXT_MAX)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "parcours par l'expérience"
        verbose_name_plural = "parcours par l'expérience"
        constraints = ordered_child_constraints("experience")

    def __str__(self) -> str:
        return self.title


class SalaryBand(CareerChild):
    label = models.CharField("niveau", max_length=100)
    experience = models.CharField("expérience", max_length=100, blank=True)
    min_eur = models.PositiveIntegerField("minimum (€ brut/an)")
    max_eur = models.PositiveIntegerField("maximum (€ brut/an)")
    period = models.CharField("période", max_length=100, blank=True, default="brut par an")

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "fourchette de salaire"
        verbose_name_plural = "salaires"
        constraints = [
            *ordered_child_constraints("salary"),
            models.CheckConstraint(
                condition=Q(min_eur__lte=models.F("max_eur")), name="salary_min_lte_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} : {self.min_eur}–{self.max_eur} €"


class FaqEntry(CareerChild):
    question = models.TextField("question", max_length=TEXT_MAX)
    answer = models.TextField("réponse", max_length=TEXT_MAX)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "question fréquente"
        verbose_name_plural = "questions fréquentes"
        constraints = ordered_child_constraints("faq")

    def __str__(self) -> str:
        return self.question


class CareerRome(CareerChild):
    """A ROME code the career answers to: how careers meet the certifications naming it."""

    rome_code = models.ForeignKey(RomeCode, on_delete=models.PROTECT, verbose_name="code ROME")

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "code ROME de la fiche"
        verbose_name_plural = "codes ROME de la fiche"
        constraints = [
            *ordered_child_constraints("careerrome"),
            models.UniqueConstraint(fields=["career", "rome_code"], name="careerrome_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.career} — {self.rome_code.code}"


class Appellation(CareerChild):
    """A job title of a ROME fiche ("Chef / Cheffe de quai"): what people search for."""

    label = models.CharField("appellation", max_length=255)
    short_label = models.CharField("appellation courte", max_length=255, blank=True)
    code_ogr = models.CharField("code OGR", max_length=20, blank=True)
    # Both labels folded (core.text.normalise): search finds a fiche by one of its
    # appellations with plain SQL, on either database.
    search_label = models.TextField(editable=False, default="")

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "appellation"
        verbose_name_plural = "appellations"
        constraints = ordered_child_constraints("appellation")

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        self.search_label = appellation_search_label(self.label, self.short_label)
        super().save(*args, **kwargs)


def appellation_search_label(label: str, short_label: str) -> str:
    return normalise(f"{label} {short_label}")


class Sector(CareerChild):
    """A sector of activity a ROME fiche's job is found in."""

    code = models.CharField("code", max_length=20, blank=True)
    label = models.CharField("secteur", max_length=255)
    is_main = models.BooleanField("secteur principal", default=False)

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"
        constraints = ordered_child_constraints("sector")

    def __str__(self) -> str:
        return self.label


class Mobility(CareerChild):
    """A job one can move to from this one, as France Travail records it.

    The target is named by its ROME code and label as the source prints them;
    `target` is the career that answers to that code, once the catalogue has one
    (careers.rows links them after each import): until then the page shows text.
    """

    target_code = models.CharField("code ROME visé", max_length=5)
    target_label = models.CharField("métier visé", max_length=255, blank=True)
    target = models.ForeignKey(
        Career,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobilities_in",
        verbose_name="fiche visée",
    )

    objects = ChildManager()

    class Meta(CareerChild.Meta):
        verbose_name = "évolution possible"
        verbose_name_plural = "évolutions possibles"
        constraints = ordered_child_constraints("mobility")

    def __str__(self) -> str:
        return f"{self.career} → {self.target_code} {self.target_label}".strip()
