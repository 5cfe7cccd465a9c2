"""Certifications: RNCP titles, Titres professionnels and Erasmus+ standards.

One model holds the three kinds. Their parts share one shape too: a
Component is an RNCP bloc de compétences, a TP's CCP or an Erasmus+ unit;
each has ordered Competences. What fits no typed field (jury composition,
legal basis, places…) is kept, in order, as CertificationSection rows.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Prefetch, Q

from core.search import Fields, ranked_search
from core.site import slug_path
from core.text import normalise
from skills.models import RomeCode

CERTIFICATION_SEARCH = Fields(
    title="title",
    body="search_text",
    snippet="summary",
    vector="search_vector",
    title_vector="title_vector",
)


class CertificationKind(models.TextChoices):
    RNCP = "rncp", "Titre RNCP"
    TP = "tp", "Titre professionnel"
    ERASMUS = "erasmus", "Standard professionnel Erasmus+"


# What each kind calls its parts.
COMPONENTS_HEADINGS = {
    CertificationKind.RNCP: "Blocs de compétences",
    CertificationKind.TP: "Certificats de compétences professionnelles (CCP)",
    CertificationKind.ERASMUS: "Unités de compétences",
}

EUROPEAN_LEVELS = range(1, 9)

# European (EQF) level ↔ the "BAC +n" a job sheet names: the one place both
# directions (careers → certifications, certification → careers) read from.
EQF_LEVEL_BY_BAC_PLUS = {2: 5, 3: 6, 5: 7}

FRANCE_COMPETENCES_RNCP_URL = "https://www.francecompetences.fr/recherche/rncp/{number}/"


class CertificationQuerySet(models.QuerySet):
    def published(self) -> "CertificationQuerySet":
        return self.filter(is_published=True)

    def search(self, query: str) -> "CertificationQuerySet":
        """Certifications matching every word, best first, with `search_snippet` (summary)."""
        return ranked_search(self, query, CERTIFICATION_SEARCH)

    def filter_by(
        self,
        *,
        query: str = "",
        kind: str = "",
        level: int | None = None,
        nsf: str = "",
        rome: str = "",
        inactive: bool = False,
    ) -> "CertificationQuerySet":
        """Apply the list's filters; an empty value leaves that filter out. RNCP fiches
        France Compétences marks inactive are left out unless `inactive` asks for them."""
        qs = self.search(query) if query else self
        if not inactive:
            qs = qs.filter(is_active=True)
        if kind:
            qs = qs.of_kind(kind)
        if level is not None:
            qs = qs.at_level(level)
        if nsf:
            qs = qs.with_nsf(nsf)
        if rome:
            qs = qs.with_rome(rome)
        return qs

    def naming_rome(self, codes) -> "CertificationQuerySet":
        """Certifications naming one of these ROME codes ("N1303") among the jobs they lead to.

        The codes' links first, as a subquery: joined, SQLite (without statistics) walked
        every published certification and looked for its links.
        """
        naming = CertificationRome.objects.filter(rome_code__code__in=list(codes))
        return self.filter(pk__in=naming.values("certification_id")).order_by(
            "level", "kind", "title"
        )

    def at_levels(self, levels) -> "CertificationQuerySet":
        """Certifications at these levels of the European framework (5 = bac+2)."""
        return self.filter(level__in=set(levels)).order_by("level", "kind", "title")

    def of_kind(self, kind: str) -> "CertificationQuerySet":
        return self.filter(kind=kind)

    def at_level(self, level: int) -> "CertificationQuerySet":
        return self.filter(level=level)

    def with_nsf(self, code: str) -> "CertificationQuerySet":
        return self.filter(nsf_codes__code=code)

    def with_rome(self, code: str) -> "CertificationQuerySet":
        return self.filter(rome_codes__code=code)

    def with_codes(self) -> "CertificationQuerySet":
        """Prefetch the NSF codes and the ROME codes (as the source labels them), in order."""
        return self.prefetch_related(*code_prefetches())

    def with_page_content(self) -> "CertificationQuerySet":
        """Prefetch everything the detail page shows (`page_prefetches()`) and the codes;
        certifications.loading reads the same onto a certification already loaded."""
        return self.prefetch_related("nsf_codes", *page_prefetches())

    def kind_counts(self) -> dict[str, int]:
        """How many certifications of each kind, every kind present (one grouped query)."""
        counts = self._counts_by("kind")
        return {kind: counts.get(kind, 0) for kind in CertificationKind.values}

    def level_counts(self) -> dict[int, int]:
        """How many certifications at each European level 1–8 (one grouped query)."""
        counts = self._counts_by("level")
        return {level: counts.get(level, 0) for level in EUROPEAN_LEVELS}

    def _counts_by(self, field: str) -> dict:
        # Grouped, not one filtered COUNT per value: Django took 5 ms to build the eight
        # levels' aggregate, SQLite 1 ms to run it. DISTINCT: a code filter joins.
        grouped = (
            self.order_by().values_list(field).annotate(count=models.Count("pk", distinct=True))
        )
        return dict(grouped)


def code_prefetches() -> list:
    """The NSF codes and the ROME codes (as the source labels them, `ordered_romes`)."""
    return ["nsf_codes", rome_prefetch()]


def rome_prefetch() -> Prefetch:
    """The ROME codes a certification names, as its source labels them, as `ordered_romes`."""
    romes = CertificationRome.objects.select_related("rome_code").order_by("position")
    return Prefetch("certificationrome_set", romes, to_attr="ordered_romes")


def page_prefetches() -> list[Prefetch]:
    """The rows of a certification's page besides its NSF codes, in source order: its
    `ordered_components`, each with its `top_competences`, each of those with its
    `ordered_children`; its `ordered_activities`, each with its `ordered_tasks` and
    `ordered_units`; its `ordered_sections` and `ordered_romes`."""
    by_position = "position"
    children = Prefetch(
        "children", Competence.objects.order_by(by_position), to_attr="ordered_children"
    )
    top_competences = Competence.objects.filter(parent=None).order_by(by_position)
    components = Component.objects.order_by(by_position).prefetch_related(
        Prefetch("competences", top_competences.prefetch_related(children), "top_competences")
    )
    activities = Activity.objects.order_by(by_position).prefetch_related(
        Prefetch("tasks", ActivityTask.objects.order_by(by_position), "ordered_tasks"),
        Prefetch("units", Component.objects.order_by(by_position), "ordered_units"),
    )
    sections = CertificationSection.objects.order_by(by_position)
    return [
        Prefetch("component_set", components, "ordered_components"),
        Prefetch("activity_set", activities, "ordered_activities"),
        Prefetch("certificationsection_set", sections, "ordered_sections"),
        rome_prefetch(),
    ]


class CodeManager(models.Manager):
    def get_by_natural_key(self, code: str):
        return self.get(code=code)


class NsfCode(models.Model):
    """Nomenclature des spécialités de formation ("311", "312 m")."""

    code = models.CharField("code", max_length=20, unique=True)
    label = models.CharField("intitulé", max_length=255, blank=True)

    objects = CodeManager()

    class Meta:
        verbose_name = "code NSF"
        verbose_name_plural = "codes NSF"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class CertificationManager(models.Manager.from_queryset(CertificationQuerySet)):
    def get_by_natural_key(self, slug: str) -> "Certification":
        return self.get(slug=slug)


class Certification(models.Model):
    kind = models.CharField("type", max_length=10, choices=CertificationKind.choices)
    code = models.CharField(
        "code", max_length=30, blank=True, help_text="Tel qu'écrit : « RNCP 14528 », « TP-00523 »."
    )
    title = models.CharField("intitulé", max_length=255)
    alternative_title = models.CharField("autre intitulé", max_length=255, blank=True)
    slug = models.SlugField("slug", max_length=255, unique=True)
    level = models.PositiveSmallIntegerField(
        "niveau (nomenclature européenne)", null=True, blank=True
    )
    level_label = models.CharField("niveau tel qu'écrit", max_length=255, blank=True)
    certifying_body = models.CharField("certificateur", max_length=255, blank=True)
    summary = models.TextField(
        "résumé", blank=True, help_text="Paragraphes séparés par une ligne vide."
    )
    official_url = models.URLField("référence officielle", blank=True)
    nsf_codes = models.ManyToManyField(NsfCode, blank=True, related_name="certifications")
    rome_codes = models.ManyToManyField(
        RomeCode, through="CertificationRome", blank=True, related_name="certifications"
    )
    is_published = models.BooleanField("publiée", default=True)
    # An RNCP fiche France Compétences marks inactive (ACTIF: Non): shown as such, and left
    # out of the lists unless a reader asks for them.
    is_active = models.BooleanField("active", default=True)
    is_synthetic = models.BooleanField("synthétique", default=False)
    # What an import finds it by ("fixture:<slug>", "rncp:14528"), a digest of what its source
    # said at the last import and when, and when it was edited since (certifications.edits):
    # a reload keeps an edited certification as it is.
    source_key = models.CharField("clé de la source", max_length=255, blank=True, editable=False)
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField("dernier import", null=True, blank=True, editable=False)
    edited_at = models.DateTimeField(
        "modifiée depuis le dernier import", null=True, blank=True, editable=False
    )
    # Where an imported certification comes from (France Compétences' RNCP export);
    # none for the curated fixtures.
    dataset = models.ForeignKey(
        "core.Dataset",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certifications",
        verbose_name="source",
    )
    search_text = models.TextField(editable=False, default="")
    # PostgreSQL only: kept by a trigger for full-text search and ranking (core/search.py).
    search_vector = SearchVectorField(null=True, editable=False)
    title_vector = SearchVectorField(null=True, editable=False)

    objects = CertificationManager()

    class Meta:
        verbose_name = "certification"
        verbose_name_plural = "certifications"
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="certification_unique_code"
            ),
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~Q(source_key=""),
                name="certification_unique_source_key",
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | (Q(level__gte=1) & Q(level__lte=8)),
                name="certification_level_1_8",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CertificationKind.values), name="certification_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}" if self.code else self.title

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_path("certifications:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def official_reference_url(self) -> str:
        """The official page: `official_url`, else France Compétences for an RNCP title."""
        if self.official_url:
            return self.official_url
        number = "".join(char for char in self.code if char.isdigit())
        if self.kind == CertificationKind.RNCP and number:
            return FRANCE_COMPETENCES_RNCP_URL.format(number=number)
        return ""

    @property
    def bac_plus(self) -> int | None:
        """The "BAC +n" of job sheets that matches this European level, if any."""
        matches = [n for n, level in EQF_LEVEL_BY_BAC_PLUS.items() if level == self.level]
        return matches[0] if matches else None

    def refresh_search_text(self) -> None:
        """Rebuild the accent-free search copy from the title, codes and summary."""
        parts = [self.code, self.title, self.alternative_title, self.certifying_body, self.summary]
        self.search_text = normalise(" ".join(parts))


class CertificationChild(models.Model):
    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, verbose_name="certification"
    )
    position = models.PositiveSmallIntegerField("ordre")

    class Meta:
        abstract = True
        ordering = ["certification", "position"]

    def natural_key(self) -> tuple:
        return (*self.certification.natural_key(), self.position)

    natural_key.dependencies = ["certifications.certification"]


class CertificationChildManager(models.Manager):
    def get_by_natural_key(self, certification_slug: str, position: int):
        return self.get(certification__slug=certification_slug, position=position)


def unique_position(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["certification", "position"], name=f"{name}_unique_position"
    )


class CertificationRome(CertificationChild):
    rome_code = models.ForeignKey(RomeCode, on_delete=models.PROTECT, verbose_name="code ROME")
    # The label as this document prints it ("Assistanat commercial").
    label = models.CharField("intitulé dans la source", max_length=255, blank=True)

    objects = CertificationChildManager()

    class Meta(CertificationChild.Meta):
        verbose_name = "code ROME de la certification"
        verbose_name_plural = "codes ROME de la certification"
        constraints = [
            unique_position("certrome"),
            models.UniqueConstraint(
                fields=["certification", "rome_code"], name="certrome_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rome_code.code} {self.label}".strip()


class Component(CertificationChild):
    """An RNCP bloc de compétences, a TP's CCP or an Erasmus+ unit."""

    label = models.CharField(
        "libellé",
        max_length=255,
        blank=True,
        help_text="« Bloc de compétence n°1 », « CCP », « Unité 1 ».",
    )
    code = models.CharField("code", max_length=50, blank=True)
    title = models.CharField("intitulé", max_length=500)
    description = models.TextField("descriptif", blank=True)
    evaluation = models.TextField("modalités d'évaluation", blank=True)

    objects = CertificationChildManager()

    class Meta(CertificationChild.Meta):
        verbose_name = "composante (bloc, CCP, unité)"
        verbose_name_plural = "composantes (blocs, CCP, unités)"
        constraints = [unique_position("component")]

    def __str__(self) -> str:
        return f"{self.label} — {self.title}" if self.label else self.title

    @property
    def competence_groups(self) -> list[tuple[str, list["Competence"]]]:
        """The prefetched top-level competences by kind, kinds in the order of the documents."""
        groups = [
            (label, [c for c in self.top_competences if c.kind == kind])
            for kind, label in COMPETENCE_GROUP_HEADINGS
        ]
        return [(label, items) for label, items in groups if items]


class CompetenceKind(models.TextChoices):
    SKILL = "skill", "Compétence"
    KNOWLEDGE = "knowledge", "Connaissance"
    INDICATOR = "indicator", "Indicateur de performance"


COMPETENCE_GROUP_HEADINGS = [
    (CompetenceKind.SKILL, "Compétences"),
    (CompetenceKind.KNOWLEDGE, "Connaissances"),
    (CompetenceKind.INDICATOR, "Indicateurs de performance"),
]


class CompetenceManager(models.Manager):
    def get_by_natural_key(self, certification_slug: str, component_position: int, position: int):
        return self.get(
            component__certification__slug=certification_slug,
            component__position=component_position,
            position=position,
        )


class Competence(models.Model):
    component = models.ForeignKey(
        Component, on_delete=models.CASCADE, related_name="competences", verbose_name="composante"
    )
    position = models.PositiveSmallIntegerField("ordre")
    kind = models.CharField("nature", max_length=10, choices=CompetenceKind.choices)
    code = models.CharField("code", max_length=30, blank=True)
    text = models.TextField("texte")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="compétence parente",
    )

    objects = CompetenceManager()

    class Meta:
        verbose_name = "compétence"
        verbose_name_plural = "compétences"
        ordering = ["component", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["component", "position"], name="competence_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CompetenceKind.values), name="competence_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip()

    def natural_key(self) -> tuple:
        return (*self.component.natural_key(), self.position)

    natural_key.dependencies = ["certifications.component"]


class Activity(CertificationChild):
    """An Erasmus+ activity, with what it takes to carry it out."""

    code = models.CharField("code", max_length=30, blank=True)
    title = models.CharField("intitulé", max_length=255)
    context = models.TextField("contexte de travail et obligations professionnelles", blank=True)
    information = models.TextField("informations nécessaires", blank=True)
    equipment = models.TextField("équipement requis", blank=True)
    contacts = models.TextField("contacts professionnels", blank=True)
    results = models.TextField("résultats attendus", blank=True)
    units = models.ManyToManyField(
        Component, blank=True, related_name="activities", verbose_name="unités de compétences"
    )

    objects = CertificationChildManager()

    class Meta(CertificationChild.Meta):
        verbose_name = "activité"
        verbose_name_plural = "activités"
        constraints = [unique_position("activity")]

    def __str__(self) -> str:
        return f"{self.code} : {self.title}" if self.code else self.title


class TaskManager(models.Manager):
    def get_by_natural_key(self, certification_slug: str, activity_position: int, position: int):
        return self.get(
            activity__certification__slug=certification_slug,
            activity__position=activity_position,
            position=position,
        )


class ActivityTask(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="tasks", verbose_name="activité"
    )
    position = models.PositiveSmallIntegerField("ordre")
    code = models.CharField("code", max_length=20, blank=True)
    title = models.CharField("intitulé", max_length=500)

    objects = TaskManager()

    class Meta:
        verbose_name = "tâche"
        verbose_name_plural = "tâches"
        ordering = ["activity", "position"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "position"], name="task_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def natural_key(self) -> tuple:
        return (*self.activity.natural_key(), self.position)

    natural_key.dependencies = ["certifications.activity"]


class CertificationSection(CertificationChild):
    """Any other statement of the source, under its heading, in order.

    Access routes, jury composition, statistics, legal basis, places,
    history, types of employers… `body` keeps line breaks; lines that start
    with "- " are shown as a list.
    """

    heading = models.CharField("titre", max_length=255)
    body = models.TextField("texte")

    objects = CertificationChildManager()

    class Meta(CertificationChild.Meta):
        verbose_name = "rubrique"
        verbose_name_plural = "autres rubriques"
        constraints = [unique_position("certsection")]

    def __str__(self) -> str:
        return self.heading
