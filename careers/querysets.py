"""Read queries on careers, named for what a reader asks of them."""

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connections, models
from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.sql.where import WhereNode

from core import cache
from core.idlists import AmongIds
from core.prepared import PreparedQuery
from core.search import Alias, Fields, ranked_search
from core.text import normalise
from skills.models import DEFINING_KINDS, EDITORIAL_KINDS, SkillKind

from .usage import SkillUsage

CAREER_SEARCH = Fields(
    title="title",
    body="search_text",
    snippet="summary",
    vector="search_vector",
    title_vector="title_vector",
    alias=Alias(relation="appellation", label="label", searched="search_label", order="position"),
)

# A career card shows its first hard skills, this many (its API twin too).
CARD_HARD_SKILLS = 3

# Up to this many careers, a filtered list looks its careers up once (CareerQuerySet.pinned).
PINNED_MAX = 1000

# "bac+2", "bac +3", "bac 5" once normalised.
BAC_PLUS = re.compile(r"bac\s*\+?\s*(\d{1,2})")


class CareerQuerySet(models.QuerySet):
    def published(self) -> "CareerQuerySet":
        return self.filter(is_published=True)

    def search(self, query: str) -> "CareerQuerySet":
        """Careers matching every word (accents, case, plurals and small typos forgiven).

        Best first: title matches, then rank; `search_snippet` holds the summary
        excerpt for core.search.highlight.
        """
        return ranked_search(self, query, CAREER_SEARCH)

    def with_starting_salary(self) -> "CareerQuerySet":
        """Annotate `starting_salary_min/max`: the first salary band of the sheet."""
        from .models import SalaryBand

        first_band = SalaryBand.objects.filter(career=OuterRef("pk")).order_by("position")
        return self.annotate(
            starting_salary_min=Subquery(first_band.values("min_eur")[:1]),
            starting_salary_max=Subquery(first_band.values("max_eur")[:1]),
        )

    def with_score(self, dimension: str) -> "CareerQuerySet":
        """Annotate `dimension_score`: the career's percent in one fulfilment dimension."""
        from .models import FulfilmentScore

        score = FulfilmentScore.objects.filter(career=OuterRef("pk"), dimension=dimension)
        return self.annotate(dimension_score=Subquery(score.values("percent")[:1]))

    def for_cards(self) -> "CareerQuerySet":
        """What a career card shows: title, summary, starting salary, and its hard skills
        (`card_prefetches()`); careers.loading reads those for a page of cards already
        loaded with `card_columns()`."""
        return self.card_columns().prefetch_related(*card_prefetches())

    def card_columns(self) -> "CareerQuerySet":
        """A card's own columns and its starting salary. The search columns stay behind: a
        few kilobytes a career that no card reads."""
        return self.only("title", "slug", "summary").with_starting_salary()

    def sharing_skills_with(self, career, limit: int = 4) -> list:
        """The `limit` published careers sharing the most of `career`'s skills and tools
        (DEFINING_KINDS: not the qualities and conditions most careers share), each with
        its `shared_count` and only its title and slug loaded: most shared first, then by
        title.

        One query, written once by hand: it counts, for the other published careers, the
        links to `career`'s own items (the careerskill_skill_career index; the unique
        (career, skill) constraint makes a plain COUNT exact) and joins only those
        careers, in a derived table, since SQLite without statistics otherwise starts
        from every published career. The ORM's version took longer to build than to run,
        and counted the links twice.
        """
        from skills.models import Skill

        from .models import Career, CareerSkill

        quote = connections[self.db].ops.quote_name
        links, careers = quote(CareerSkill._meta.db_table), quote(Career._meta.db_table)
        skills = quote(Skill._meta.db_table)
        kinds = sorted(DEFINING_KINDS)
        sql = (
            "SELECT c.id, c.title, c.slug, s.shared FROM (SELECT l.career_id, COUNT(*) AS shared"
            f" FROM {links} AS l WHERE l.skill_id IN (SELECT o.skill_id FROM {links} AS o"
            f" JOIN {skills} AS k ON k.id = o.skill_id WHERE o.career_id = %s"
            f" AND k.kind IN ({', '.join(['%s'] * len(kinds))}))"
            " AND l.career_id <> %s GROUP BY l.career_id) AS s"
            f" JOIN {careers} AS c ON c.id = s.career_id WHERE c.is_published"
            " ORDER BY s.shared DESC, c.title, c.id LIMIT %s"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [career.pk, *kinds, career.pk, limit])
            rows = cursor.fetchall()
        ranked = []
        for *values, shared in rows:
            other = Career.from_db(self.db, ["id", "title", "slug"], values)
            other.shared_count = shared
            ranked.append(other)
        return ranked

    def for_comparison(self) -> "CareerQuerySet":
        """Prefetch every section the comparison page lines up (`comparison_prefetches`)."""
        return self.prefetch_related(*comparison_prefetches())

    # --- The career list: filters, sort and facets -------------------------------------------

    def filter_by(
        self,
        *,
        query: str = "",
        skills: dict[str, list[str]] | None = None,
        education: str = "",
        min_salary: int | None = None,
        dimension: str = "",
        min_score: int | None = None,
    ) -> "CareerQuerySet":
        """Apply the list's filters; an empty value leaves that filter out."""
        qs = self.search(query) if query else self
        for kind, slugs in (skills or {}).items():
            for slug in slugs:
                qs = qs.with_skill(kind, slug)
        if education:
            qs = qs.at_education_level(education)
        if min_salary is not None:
            qs = qs.with_starting_salary_at_least(min_salary)
        if dimension and min_score is not None:
            qs = qs.with_score_at_least(dimension, min_score)
        return qs

    def with_skill(self, kind: str, slug: str) -> "CareerQuerySet":
        """Careers whose sheet names this soft skill, hard skill, tool or constraint.

        The item's links first, as a subquery: SQLite makes one list of their careers,
        where a correlated EXISTS looked the item's link up for every career the search
        kept (a common word keeps thousands: 7.8 → 2.3 ms for a search and a soft skill).
        """
        from .models import CareerSkill

        links = CareerSkill.objects.filter(skill__kind=kind, skill__slug=slug)
        return self.filter(pk__in=links.values("career_id"))

    def at_education_level(self, level: str) -> "CareerQuerySet":
        """Careers reachable with a diploma named `level` ("BTS") or at "bac+N"."""
        from .models import EducationLevel

        levels = EducationLevel.objects.filter(career=OuterRef("pk"))
        bac_plus = BAC_PLUS.fullmatch(normalise(level))
        if bac_plus:
            levels = levels.filter(level_label__iregex=rf"^bac\s*\+\s*{bac_plus[1]}$")
        else:
            levels = levels.filter(name__iexact=level)
        return self.filter(Exists(levels))

    def answering_to(self, codes) -> "CareerQuerySet":
        """Careers that carry one of these ROME codes ("N1303").

        The codes' links first, as a subquery: joined, SQLite (without statistics) walked
        every published career and looked for its codes (2.7 → 0.4 ms at 3 600 careers).
        """
        from .models import CareerRome

        carrying = CareerRome.objects.filter(rome_code__code__in=list(codes))
        return self.filter(pk__in=carrying.values("career_id"))

    def at_level_of(self, certification) -> "CareerQuerySet":
        """Careers whose sheet names a diploma at the certification's level (BAC +2 ↔ 5)."""
        if certification.bac_plus is None:
            return self.none()
        return self.at_education_level(f"bac+{certification.bac_plus}")

    def with_starting_salary_at_least(self, euros: int) -> "CareerQuerySet":
        """Careers whose first salary band starts at `euros` or more."""
        return self.with_starting_salary().filter(starting_salary_min__gte=euros)

    def with_score_at_least(self, dimension: str, percent: int) -> "CareerQuerySet":
        from .models import FulfilmentScore

        scores = FulfilmentScore.objects.filter(
            career=OuterRef("pk"), dimension=dimension, percent__gte=percent
        )
        return self.filter(Exists(scores))

    def sort_by(self, key: str) -> "CareerQuerySet":
        """Order the list.

        "salaire": best starting salary first; a dimension: best score first;
        "pertinence": the search's own order, if any; anything else: by title.
        """
        from .models import Dimension

        if key == "pertinence" and self.query.order_by:
            return self

        if key == "salaire":
            return self.with_starting_salary().order_by(
                F("starting_salary_min").desc(nulls_last=True), "title", "pk"
            )
        if key in Dimension.values:
            return self.with_score(key).order_by(
                F("dimension_score").desc(nulls_last=True), "title", "pk"
            )
        return self.order_by("title", "pk")

    def skill_facets(self) -> list[dict]:
        """For each item of the editorial vocabulary, how many of these careers name it: one
        query.

        Rows are dicts with kind, slug, name and count, by kind then name. The links are
        counted by skill id, named from the editorial vocabulary the process keeps. ROME
        items are no facets: thousands of them, that would be counted over every link of
        the list.
        """
        from .models import CareerSkill

        # A plain COUNT of links: the unique (career, skill) constraint already makes it a
        # count of careers, and COUNT(DISTINCT) made PostgreSQL sort every link.
        counts = dict(
            CareerSkill.objects.filter(
                self._among_these("career_id"), skill__kind__in=EDITORIAL_KINDS
            )
            .order_by()
            .values("skill_id")
            .annotate(count=Count("skill_id"))
            .values_list("skill_id", "count")
        )
        return named_facets(counts)

    def pinned(self) -> "CareerQuerySet":
        """The same careers, found once and then read by id, when there are at most
        PINNED_MAX.

        A filtered list asks three things of one set of careers: its page, its count and
        its facets. With a search and a skill filter, finding that set is the costly part
        (BENCHMARKS.md); with the ids in hand, the count is theirs, and the page and the
        facets read those ids alone, one parameter (core.idlists), without the filters:
        SQLite checked each filter again on every row, a regular expression per diploma
        for a level (7 → 1 ms of SQL for a page). The annotations and the order stay (a
        search's rank); a larger set keeps its filters, as would a set a join found.
        """
        ids = list(
            self.prefetch_related(None).order_by().values_list("pk", flat=True)[: PINNED_MAX + 1]
        )
        if len(ids) > PINNED_MAX:
            return self
        if not ids:
            pinned = self.none()
        elif len(self.query.alias_map) == 1:
            # No filter joined a table (each is a subquery): without them, still one row
            # per career.
            pinned = self._chain()
            pinned.query.where = WhereNode()
            pinned = pinned.filter(AmongIds("pk", ids))
        else:
            pinned = self.filter(AmongIds("pk", ids))
        pinned.pinned_ids = ids
        return pinned

    def _among_these(self, field: str):
        """A condition for the facets' rows: `field` (a career id) is one of these careers,
        the pinned ids if there are, else a subquery of them."""
        ids = getattr(self, "pinned_ids", None)
        if ids is None:
            return Q(**{f"{field}__in": self.order_by().values("pk")})
        return AmongIds(field, ids) if ids else Q(pk__in=[])

    def facet_counts(self, *, whole_catalogue: bool) -> tuple[list[dict], list[dict]]:
        """(skill_facets, education_facets); the whole published catalogue's are cached.

        Those are the same for every visitor of the unfiltered list and cost most of its
        time at 10 000 careers; the key follows the version of the vocabulary, links and
        publication (core.cache.VOCABULARY): editing a sheet's text keeps them.
        """
        if not whole_catalogue:
            return self.skill_facets(), self.education_facets()
        return cache.get_or_set(
            "career-facets", (), lambda: whole_catalogue_facets(self.db), part=cache.VOCABULARY
        )

    def education_facets(self) -> list[dict]:
        """For each diploma name, how many of these careers list it: one grouped query."""
        from .models import EducationLevel

        return list(
            education_facet_query(EducationLevel.objects.filter(self._among_these("career_id")))
        )

    # --- The job sheet -----------------------------------------------------------------------

    def with_sheet(self) -> "CareerQuerySet":
        """Prefetch every row of the sheet, each kind in one query, in the source's order."""
        return self.prefetch_related(*sheet_prefetches())

    def for_sheet_page(self) -> "CareerQuerySet":
        """The career's own columns that the job sheet shows, and where it comes from;
        careers.sheet loads its rows with careers.loading.load_sheet_rows()."""
        return self.select_related("dataset").only(
            "title", "slug", "summary", "updated_at", "dataset"
        )


def card_prefetches() -> list[Prefetch]:
    """A card's first three hard skills with their scores, best first, as
    `top_hard_skills`: those of every card's career in one query. Only what a card shows
    is read (a name, a slug, a score): a page's twenty careers name a hundred, and
    building them was most of the cards' reading."""
    from .models import CareerSkill

    best_first = [F("score").desc(), F("position").asc()]
    links = (
        CareerSkill.objects.filter(skill__kind=SkillKind.HARD)
        .select_related("skill")
        .only("career", "score", "skill__name", "skill__slug")
        .annotate(card_rank=Window(RowNumber(), partition_by=F("career"), order_by=best_first))
        .filter(card_rank__lte=CARD_HARD_SKILLS)
        .order_by(*best_first)
    )
    return [Prefetch("skill_links", links, to_attr="top_hard_skills")]


def comparison_prefetches() -> list[Prefetch]:
    """What the comparison page lines up, in a fixed number of queries: one query per kind
    of row, whatever the number of careers compared, the vocabulary's links of every kind
    in one. For `for_comparison()`, or careers.loading on careers already loaded."""
    from .models import (
        CareerSection,
        CareerSkill,
        EducationLevel,
        ExperiencePath,
        FulfilmentScore,
        MissionBlock,
        SalaryBand,
        SectionKind,
    )

    links = CareerSkill.objects.select_related("skill", "tool_group__family")
    blocks = MissionBlock.objects.annotate(mission_count=Count("missions"))
    evolution = CareerSection.objects.filter(kind=SectionKind.EVOLUTION)
    by_position = (
        ("fulfilmentscore_set", FulfilmentScore.objects, "comparison_scores"),
        ("salaryband_set", SalaryBand.objects, "comparison_bands"),
        ("educationlevel_set", EducationLevel.objects, "comparison_educations"),
        ("experiencepath_set", ExperiencePath.objects, "comparison_experiences"),
        ("skill_links", links, "comparison_links"),
        ("missionblock_set", blocks, "comparison_blocks"),
        ("careersection_set", evolution, "evolution_sections"),
    )
    return [Prefetch(name, rows.order_by("position"), attr) for name, rows, attr in by_position]


def sheet_prefetches() -> list[Prefetch]:
    """The job sheet's rows, each kind in one query, in the source's order: what each
    section spec declares (careers.sections), and the sections' own words.

    For `with_sheet()`, or `prefetch_related_objects()` on a career already loaded.
    """
    from .models import CareerRome, CareerSection
    from .sections import SPECS

    sections = CareerSection.objects.order_by("position")
    romes = CareerRome.objects.select_related("rome_code").order_by("position")
    prefetches = [
        Prefetch("careersection_set", sections, "sections"),
        Prefetch("careerrome_set", romes, "ordered_romes"),
    ]
    prefetches += [prefetch for spec in SPECS for prefetch in spec.prefetches()]
    # Kinds that share their rows declare the same prefetch: keep one of each.
    return list({prefetch.prefetch_to: prefetch for prefetch in prefetches}.values())


class CareerSkillQuerySet(models.QuerySet):
    def uses_of(self, skill) -> "CareerSkillQuerySet":
        """A vocabulary item's links to published careers, with each career's own words."""
        return (
            self.filter(skill=skill, career__is_published=True)
            .select_related("career", "tool_group__family")
            .order_by("career__title")
        )


def with_career_counts(skills: models.QuerySet) -> models.QuerySet:
    """Annotate vocabulary items with `career_count`: how many published careers use each,
    as the database keeps it (careers.usage)."""
    return skills.annotate(career_count=Coalesce("usage__careers", 0))


def most_cited(kind: str, limit: int, *, using: str = "default") -> list:
    """The `limit` items of `kind` that the most published careers name, most cited first,
    then the first entered, as named rows (kind, name, slug, career_count): as
    `with_career_counts` ranks them.

    Written by hand: the counts' index walked from the top until `limit` items of the
    kind are found (every item has its count, careers' migration 0017). SQLite, without
    statistics, scanned every item and looked its count up instead, for each kind
    (10.4 → 1.3 ms for the five large kinds at 2 000 careers and the ROME's 1 584
    fiches); CROSS JOIN is how SQLite is told which table to start from.
    """
    from skills.models import Skill

    connection = connections[using]
    quote = connection.ops.quote_name
    usage, skills = quote(SkillUsage._meta.db_table), quote(Skill._meta.db_table)
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    sql = (
        f"SELECT s.kind, s.name, s.slug, u.careers FROM {usage} AS u {join} {skills} AS s"
        " ON s.id = u.skill_id WHERE s.kind = %s ORDER BY u.careers DESC, u.skill_id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, limit])
        return [MostCited(*row) for row in cursor.fetchall()]


class MostCited(NamedTuple):
    kind: str
    name: str
    slug: str
    career_count: int


def facet_rows(items) -> list[dict]:
    """Facet rows from (kind, slug, name, count) items: dicts by kind then name."""
    rows = [
        {"kind": kind, "slug": slug, "name": name, "count": count}
        for kind, slug, name, count in items
    ]
    return sorted(rows, key=lambda row: (row["kind"], row["name"]))


def named_facets(counts: dict[int, int]) -> list[dict]:
    """The facet rows of the editorial items among `counts` (skill id → careers)."""
    items = editorial_vocabulary().by_id
    return facet_rows((*items[pk], count) for pk, count in counts.items() if pk in items and count)


@dataclass(frozen=True)
class EditorialVocabulary:
    by_id: dict[int, tuple[str, str, str]]  # (kind, slug, name)
    names: dict[tuple[str, str], str]  # by (kind, slug)


def editorial_vocabulary() -> EditorialVocabulary:
    """The items of the editorial kinds (EDITORIAL_KINDS), those a list filters on: read
    once per version of the vocabulary (core.cache) and kept in the process, so that the
    facets name their items and the list's form checks the ticked ones without a query."""
    from skills.models import Skill

    def read() -> EditorialVocabulary:
        rows = Skill.objects.editorial().order_by()  # looked up by key
        by_id = {
            pk: (kind, slug, name)
            for pk, kind, slug, name in rows.values_list("pk", "kind", "slug", "name")
        }
        return EditorialVocabulary(by_id, {(k, s): n for k, s, n in by_id.values()})

    return cache.get_or_set("editorial-vocabulary", (), read, part=cache.VOCABULARY)


def education_facet_query(levels: models.QuerySet) -> models.QuerySet:
    """Diploma facet rows (name, count of careers, level_label) of these EducationLevel
    rows, by level then name. DISTINCT: nothing stops a sheet from naming one diploma
    twice."""
    return (
        levels.values("name")
        .annotate(count=Count("career", distinct=True), level_label=Min("level_label"))
        .order_by("level_label", "name")
    )


EDUCATION_FACET = ("name", "count", "level_label")


def whole_catalogue_facets(using: str) -> tuple[list[dict], list[dict]]:
    """(skill facets, education facets) of the whole published catalogue."""
    skills, educations = _whole_catalogue_facet_queries(using)
    education_rows = [dict(zip(EDUCATION_FACET, row, strict=True)) for row in educations.rows(())]
    return facet_rows(skills.rows(())), education_rows


@functools.cache
def _whole_catalogue_facet_queries(using: str) -> tuple[PreparedQuery, PreparedQuery]:
    """The two queries of the whole catalogue's facets, the same at every version of it:
    prepared once per database (core.prepared). Django took longer to build and compile
    them than the database to run them, after every edit of the vocabulary.

    The skills': the counts the database keeps (careers.usage) of the items the sheets
    name. The diplomas': those of every career but the few unpublished ones, rather than
    each published one looked up (5.3 → 2.2 ms at 3 600 careers on SQLite).
    """
    from skills.models import Skill

    from .models import Career, EducationLevel

    editorial = Skill.objects.editorial().values("pk")
    usage = SkillUsage.objects.using(using).filter(careers__gt=0, skill__in=editorial)
    unpublished = Career.objects.filter(is_published=False).values("pk")
    levels = EducationLevel.objects.using(using).exclude(career__in=unpublished)
    skill_rows = usage.values_list("skill__kind", "skill__slug", "skill__name", "careers")
    education_rows = education_facet_query(levels).values_list(*EDUCATION_FACET)
    return PreparedQuery.of(skill_rows, []), PreparedQuery.of(education_rows, [])
