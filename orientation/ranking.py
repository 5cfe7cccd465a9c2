"""The ranking of careers for a profile, computed in the database: one statement a page.

Each criterion the profile asks about is marked out of 100 for each career, then the
score is their average weighted by COEFFICIENTS, over the criteria the sheet documents
(a ROME fiche gives no salary: salary does not count for it, neither for nor against):

- skills: for each of my skills the career uses, its importance to the career (the score
  of a hard skill, 100 for a ROME "compétence clé", 50 otherwise), summed and divided by
  the number of my skills of the rubrics the sheet has (a sheet without "Outils" can
  neither use nor lack my tools; a ROME fiche has no hard skills);
- constraints: 100 minus the share of my constraints to avoid (of the rubrics it has)
  that the career has;
- fulfilment: the career's percentages on the five dimensions, averaged with my weights;
- level: 100 if its first diploma is at my level or below, 25 points less per year of
  study more;
- salary: 100 if its starting band begins at my minimum or above, 50 if it reaches it,
  0 if it stays below.

With skills, only careers using at least one of them are ranked, and at most POOL_SIZE
of them: those whose skills match mine best (the sum of importances), so that the cost
of a page does not grow with the catalogue. Without skills but with weights, the pool is
the POOL_SIZE best fulfilment matches; with neither, every published career is ranked.

The statement is written out in SQL rather than built with the ORM: Django cannot select
from a derived table, so each criterion would be computed again wherever the score and
its explanation read it, and compiling those nested expressions cost more than running
them. The common table expressions are MATERIALIZED so that neither database folds them
back into one another (which repeats the subqueries the same way).
"""

from dataclasses import dataclass

from careers.models import (
    Career,
    CareerSection,
    CareerSkill,
    Dimension,
    EducationLevel,
    FulfilmentScore,
    SalaryBand,
    SectionKind,
)
from skills.models import SkillKind

from .forms import Profile

COEFFICIENTS = {"skills": 4, "constraints": 2, "fulfilment": 2, "level": 1, "salary": 1}
POOL_SIZE = 100
CORE_IMPORTANCE = 100
DEFAULT_IMPORTANCE = 50
POINTS_PER_YEAR = 25
WITHIN_BAND_POINTS = 50
MAX_LEVEL = 8

# The rubric of the sheet (CareerSection) that lists each kind of vocabulary item.
RUBRIC_OF_KIND = {
    SkillKind.HARD: SectionKind.HARD_SKILLS,
    SkillKind.SOFT: SectionKind.SOFT_SKILLS,
    SkillKind.TOOL: SectionKind.TOOLS,
    SkillKind.SAVOIR_FAIRE: SectionKind.SAVOIR_FAIRE,
    SkillKind.SAVOIR_ETRE: SectionKind.SAVOIR_ETRE,
    SkillKind.SAVOIR: SectionKind.SAVOIRS,
    SkillKind.CONSTRAINT: SectionKind.CONSTRAINTS,
    SkillKind.CONTEXT: SectionKind.CONTEXTS,
}
# Which rubrics a sheet has, as one integer: a bit per kind of item.
BIT_OF_KIND = {kind: 1 << index for index, kind in enumerate(RUBRIC_OF_KIND)}
NO_BREAK_SPACE = "\xa0"


def importance(score: int | None, is_core: bool) -> int:
    """How much an item weighs for a career; the statement computes the same."""
    if score is not None:
        return score
    return CORE_IMPORTANCE if is_core else DEFAULT_IMPORTANCE


def described_kinds(rubrics: int) -> set[str]:
    """The kinds of item whose rubric a sheet has, from the `rubrics` bits."""
    return {kind for kind, bit in BIT_OF_KIND.items() if rubrics & bit}


@dataclass(frozen=True)
class RankedPage:
    careers: list[Career]  # with the columns of the statement as attributes
    total: int  # careers ranked, on every page
    pooled: bool  # the ranking stopped at POOL_SIZE careers


class Statement:
    """SQL with named parameters, each value bound, never spliced into the text."""

    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def param(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f"%({name})s"

    def values(self, values) -> str:
        return "(" + ", ".join(self.param(value) for value in values) + ")"


def table(model) -> str:
    return model._meta.db_table


def rank(profile: Profile, *, limit: int, offset: int) -> RankedPage:
    """One page of the careers ranked for `profile`, best first, then by title."""
    sql, params = ranking_sql(profile, limit=limit, offset=offset)
    careers = list(Career.objects.raw(sql, params))
    total = careers[0].total if careers else 0
    return RankedPage(careers, total, pooled(profile) and total >= POOL_SIZE)


def pooled(profile: Profile) -> bool:
    """Whether the ranking starts from a pool: the best skill or fulfilment matches."""
    return bool(profile.skills or profile.weights)


def ranking_sql(profile: Profile, *, limit: int, offset: int) -> tuple[str, dict]:
    statement = Statement()
    parts = []
    if profile.skills:
        parts.append(f"pool AS MATERIALIZED ({_skill_pool(statement, profile)})")
    elif profile.weights:
        parts.append(f"pool AS MATERIALIZED ({_fulfilment_pool(statement, profile)})")
    parts.append(f"facts AS MATERIALIZED ({_facts(statement, profile)})")
    parts.append(f"points AS MATERIALIZED ({_points(statement, profile)})")
    parts.append(f"ranked AS MATERIALIZED ({_ranked(statement, limit, offset)})")
    sql = f"WITH {', '.join(parts)} {_page(statement)}"
    return sql, statement.params


def _importance_sql() -> str:
    return (
        f"CASE WHEN cs.score IS NOT NULL THEN cs.score WHEN cs.is_core "
        f"THEN {CORE_IMPORTANCE} ELSE {DEFAULT_IMPORTANCE} END"
    )


def _skill_pool(statement: Statement, profile: Profile) -> str:
    """The careers using my skills, best match first: their points and the kinds used."""
    kinds_used = " + ".join(
        f"MAX(CASE WHEN cs.skill_id IN {statement.values(ids)} THEN {BIT_OF_KIND[kind]} ELSE 0 END)"
        for kind, ids in _ids_by_kind(profile.skills).items()
    )
    return (
        f"SELECT cs.career_id, SUM({_importance_sql()}) AS skill_points, "
        f"{kinds_used} AS kinds_used "
        f"FROM {table(CareerSkill)} cs "
        f"WHERE cs.skill_id IN {statement.values(item.id for item in profile.skills)} "
        f"GROUP BY cs.career_id ORDER BY skill_points DESC, cs.career_id "
        f"LIMIT {statement.param(POOL_SIZE)}"
    )


def _facts(statement: Statement, profile: Profile) -> str:
    """What each candidate's sheet says, and the criteria read from one table each."""
    columns = ["c.id", "c.title", "c.slug", "c.summary"]
    if profile.skills or profile.avoided:
        rubric_bits = " ".join(
            f"WHEN {statement.param(str(RUBRIC_OF_KIND[kind]))} THEN {bit}"
            for kind, bit in BIT_OF_KIND.items()
        )
        columns.append(
            f"(SELECT SUM(CASE s.kind {rubric_bits} ELSE 0 END) FROM {table(CareerSection)} s "
            "WHERE s.career_id = c.id) AS rubrics"
        )
    else:
        columns.append("0 AS rubrics")
    if pooled(profile):
        columns += ["pool.skill_points", "pool.kinds_used"]
        source = f"{table(Career)} c JOIN pool ON pool.career_id = c.id"
    else:
        columns += ["0 AS skill_points", "0 AS kinds_used"]
        source = f"{table(Career)} c"
    if profile.avoided:
        avoided = statement.values(item.id for item in profile.avoided)
        columns.append(
            f"(SELECT COUNT(*) FROM {table(CareerSkill)} a WHERE a.career_id = c.id "
            f"AND a.skill_id IN {avoided}) AS avoided_count"
        )
    columns.append(f"{_fulfilment(statement, profile)} AS fulfilment")
    columns.append(f"{_salary(statement, profile)} AS salary")
    columns.append(f"{_level(statement, profile)} AS level")
    return (
        f"SELECT {', '.join(columns)} FROM {source} WHERE c.is_published = {statement.param(True)}"
    )


NOT_ASKED = "CAST(NULL AS DOUBLE PRECISION)"


def _weighted_fulfilment(statement: Statement, profile: Profile) -> str:
    """Over the rows `f` of a career's profile: its percentages averaged with my weights."""
    weighted = " ".join(
        f"WHEN {statement.param(dimension)} THEN f.percent * {weight}"
        for dimension, weight in profile.weights.items()
    )
    weights = " ".join(
        f"WHEN {statement.param(dimension)} THEN {weight}"
        for dimension, weight in profile.weights.items()
    )
    return (
        f"CAST(SUM(CASE f.dimension {weighted} ELSE 0 END) AS DOUBLE PRECISION) "
        f"/ SUM(CASE f.dimension {weights} ELSE 0 END)"
    )


def _fulfilment_pool(statement: Statement, profile: Profile) -> str:
    """Without skills: the careers whose fulfilment profile best matches my weights."""
    return (
        f"SELECT f.career_id, {_weighted_fulfilment(statement, profile)} AS fulfilment, "
        "0 AS skill_points, 0 AS kinds_used "
        f"FROM {table(FulfilmentScore)} f "
        f"WHERE f.dimension IN {statement.values(profile.weights)} "
        f"GROUP BY f.career_id ORDER BY fulfilment DESC, f.career_id "
        f"LIMIT {statement.param(POOL_SIZE)}"
    )


def _fulfilment(statement: Statement, profile: Profile) -> str:
    """The career's percentages averaged with my weights, over the dimensions it gives."""
    if not profile.weights:
        return NOT_ASKED
    if not profile.skills:
        return "pool.fulfilment"  # the pool computed it
    return (
        f"(SELECT {_weighted_fulfilment(statement, profile)} FROM {table(FulfilmentScore)} f "
        f"WHERE f.career_id = c.id AND f.dimension IN {statement.values(profile.weights)})"
    )


def _salary(statement: Statement, profile: Profile) -> str:
    """100 if the first band starts at my minimum, 50 if it reaches it, else 0."""
    if profile.min_salary is None:
        return NOT_ASKED
    wanted = statement.param(profile.min_salary)
    return (
        f"(SELECT CASE WHEN b.min_eur >= {wanted} THEN 100 "
        f"WHEN b.max_eur >= {wanted} THEN {WITHIN_BAND_POINTS} ELSE 0 END "
        f"FROM {table(SalaryBand)} b WHERE b.career_id = c.id ORDER BY b.position LIMIT 1)"
    )


def _level(statement: Statement, profile: Profile) -> str:
    """100 if the first diploma is at my level or below, POINTS_PER_YEAR less a year above."""
    if profile.level is None:
        return NOT_ASKED
    entry = f"MIN({_level_of_label(statement)})"
    mine = statement.param(profile.level)
    return (
        f"(SELECT CASE WHEN {entry} <= {mine} THEN 100 "
        f"WHEN {entry} - {mine} < {100 // POINTS_PER_YEAR} "
        f"THEN 100 - {POINTS_PER_YEAR} * ({entry} - {mine}) "
        f"WHEN {entry} IS NOT NULL THEN 0 END "
        f"FROM {table(EducationLevel)} e WHERE e.career_id = c.id)"
    )


def _level_of_label(statement: Statement) -> str:
    """n for a diploma labelled "BAC +n" (spaces ignored), 0 for "BAC", else NULL."""
    label = (
        f"REPLACE(REPLACE(LOWER(e.level_label), ' ', ''), {statement.param(NO_BREAK_SPACE)}, '')"
    )
    levels = " ".join(
        f"WHEN {statement.param(f'bac+{n}' if n else 'bac')} THEN {n}" for n in range(MAX_LEVEL + 1)
    )
    return f"CASE {label} {levels} END"


def _first_band(column: str) -> str:
    return (
        f"(SELECT b.{column} FROM {table(SalaryBand)} b WHERE b.career_id = ranked.id "
        "ORDER BY b.position LIMIT 1)"
    )


def _points(statement: Statement, profile: Profile) -> str:
    """Skills and constraints out of 100, over the items of the rubrics the sheet has."""
    columns = ["id", "title", "slug", "summary", "rubrics", "kinds_used"]
    described = "(COALESCE(rubrics, 0) | kinds_used)"
    if profile.skills:
        comparable = " + ".join(
            f"CASE WHEN {described} & {BIT_OF_KIND[kind]} <> 0 THEN {len(ids)} ELSE 0 END"
            for kind, ids in _ids_by_kind(profile.skills).items()
        )
        columns.append(
            f"CAST(skill_points AS DOUBLE PRECISION) / NULLIF({comparable}, 0) AS skills"
        )
    else:
        columns.append(f"{NOT_ASKED} AS skills")
    if profile.avoided:
        comparable = " + ".join(
            f"CASE WHEN COALESCE(rubrics, 0) & {BIT_OF_KIND[kind]} <> 0 THEN {len(ids)} ELSE 0 END"
            for kind, ids in _ids_by_kind(profile.avoided).items()
        )
        # A sheet made in the admin may list items without its rubric: what it has counts.
        comparable = (
            f"CASE WHEN {comparable} >= avoided_count THEN {comparable} ELSE avoided_count END"
        )
        columns.append(
            f"100 - 100 * CAST(avoided_count AS DOUBLE PRECISION) / NULLIF({comparable}, 0) "
            "AS constraints"
        )
    else:
        columns.append(f"{NOT_ASKED} AS constraints")
    columns += ["fulfilment", "salary", "level"]
    return f"SELECT {', '.join(columns)} FROM facts"


def _ranked(statement: Statement, limit: int, offset: int) -> str:
    """The weighted average of the criteria that apply, rounded, and the page of it."""
    numerator = " + ".join(
        f"{coefficient} * COALESCE({name}, 0)" for name, coefficient in COEFFICIENTS.items()
    )
    denominator = " + ".join(
        f"CASE WHEN {name} IS NULL THEN 0 ELSE {coefficient} END"
        for name, coefficient in COEFFICIENTS.items()
    )
    # Rounded half up on both databases (PostgreSQL rounds a float half to even).
    score = f"CAST(ROUND(CAST(({numerator}) / NULLIF({denominator}, 0) AS NUMERIC)) AS INTEGER)"
    return (
        f"SELECT *, {score} AS score, COUNT(*) OVER () AS total FROM points "
        f"WHERE ({denominator}) > 0 ORDER BY score DESC, title, id "
        f"LIMIT {statement.param(limit)} OFFSET {statement.param(offset)}"
    )


def _page(statement: Statement) -> str:
    """The page, and what its explanation reads: starting salary, levels, each dimension."""
    dimensions = ", ".join(
        f"(SELECT f.percent FROM {table(FulfilmentScore)} f WHERE f.career_id = ranked.id "
        f"AND f.dimension = {statement.param(dimension)}) AS percent_{dimension}"
        for dimension in Dimension.values
    )
    first_level = (
        f"(SELECT MIN({_level_of_label(statement)}) FROM {table(EducationLevel)} e "
        "WHERE e.career_id = ranked.id)"
    )
    return (
        f"SELECT ranked.*, {_first_band('min_eur')} AS starting_min, "
        f"{_first_band('max_eur')} AS starting_max, {first_level} AS first_level, "
        f"{dimensions} FROM ranked ORDER BY score DESC, title, id"
    )


def _ids_by_kind(items) -> dict[str, list[int]]:
    by_kind: dict[str, list[int]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item.id)
    return by_kind
