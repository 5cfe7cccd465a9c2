"""Comparing careers side by side.

`build_comparison` works on careers already loaded with
`Career.objects.for_comparison()` and runs no query: every row it returns
holds one cell per career, in the order of the columns, so the template
only loops. The charts' geometry comes from core.charts.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from core import charts
from skills.models import SkillKind

from .models import Career, Dimension
from .sections import SPECS
from .sections.rome_skills import GroupedSkills

# The ROME fiches' vocabularies lined up like the soft skills, in the sheet's order.
VOCABULARY_SPECS = tuple(spec for spec in SPECS if isinstance(spec, GroupedSkills))


def comparison_query(slugs: Sequence[str]) -> str:
    """The query string of the comparison of these careers: "?metiers=a,b"."""
    if not slugs:
        return ""
    return "?" + urlencode({"metiers": ",".join(slugs)}, safe=",")


# --- The comparison -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    career: Career
    number: int
    legend_marker: str
    # The same comparison without this career.
    without_query: str


@dataclass(frozen=True)
class SkillRow:
    """One vocabulary item across the columns; a cell is the career's link or None."""

    skill: object
    cells: list
    share_count: int
    shared: bool


@dataclass(frozen=True)
class ToolCell:
    listed: bool
    # The career lists the tool, but under another family (named when it has one).
    elsewhere: bool = False
    other_family: object = None


@dataclass(frozen=True)
class ToolRow:
    skill: object
    cells: list[ToolCell]
    share_count: int
    shared: bool


@dataclass(frozen=True)
class ToolFamilyGroup:
    family: object
    shared: bool
    rows: list[ToolRow]


@dataclass(frozen=True)
class FulfilmentRow:
    label: str
    values: list[int | None]
    gap: int | None


@dataclass(frozen=True)
class SalaryRow:
    """One salary level (matched on its label) across the columns; a cell is a band or None."""

    label: str
    experience: str
    cells: list


@dataclass(frozen=True)
class Extreme:
    column: Column
    value: int


@dataclass(frozen=True)
class SalaryGap:
    label: str
    bound: str
    low: Extreme
    high: Extreme
    gap: int


@dataclass(frozen=True)
class FulfilmentGap:
    labels: list[str]
    gap: int


@dataclass(frozen=True)
class AlignedRow:
    label: str
    cells: list


@dataclass(frozen=True)
class Vocabulary:
    """A ROME vocabulary (savoir-faire, savoirs…) across the columns.

    A fiche names dozens of items: those two careers or more name are open
    (`common`, all of them first), those of one career alone are folded (`own`).
    """

    spec: GroupedSkills
    common: list[SkillRow]
    own: list[SkillRow]

    @property
    def shared(self) -> int:
        return sum(row.shared for row in self.common)


@dataclass(frozen=True)
class Summary:
    shared_soft: int
    shared_hard: int
    shared_tools: int
    shared_constraints: int
    fulfilment_gap: FulfilmentGap | None
    salary_gap: SalaryGap | None


@dataclass(frozen=True)
class Comparison:
    columns: list[Column]
    summary: Summary
    fulfilment: list[FulfilmentRow]
    chart: charts.LineChart
    salary: list[SalaryRow]
    salary_chart: charts.GroupedRangeChart
    hard_skills: list[SkillRow]
    soft_skills: list[SkillRow]
    constraints: list[SkillRow]
    tools: list[ToolFamilyGroup]
    vocabularies: list[Vocabulary]
    education: list[AlignedRow]
    experience: list[list]
    evolution: list[list[str]]
    missions: list[AlignedRow]
    mission_totals: list[int]

    @property
    def is_single(self) -> bool:
        return len(self.columns) < 2

    @property
    def has_paths(self) -> bool:
        """Whether a compared sheet names a diploma, a path by experience or an evolution
        (a ROME fiche names none)."""
        return bool(self.education or any(self.experience) or any(self.evolution))


def build_comparison(careers: Sequence[Career]) -> Comparison:
    """Line up careers loaded with `for_comparison()`, columns in the given order."""
    slugs = [career.slug for career in careers]
    columns = [
        Column(
            career=career,
            number=number,
            legend_marker=charts.marker_path(number, 20, 8, 4.5),
            without_query=comparison_query([s for s in slugs if s != career.slug]),
        )
        for number, career in enumerate(careers, start=1)
    ]
    links = [_links_by_kind(career) for career in careers]
    soft = _skill_rows([by_kind[SkillKind.SOFT] for by_kind in links])
    hard = _skill_rows([by_kind[SkillKind.HARD] for by_kind in links])
    constraints = _skill_rows([by_kind[SkillKind.CONSTRAINT] for by_kind in links])
    tool_links = [by_kind[SkillKind.TOOL] for by_kind in links]
    fulfilment = _fulfilment_rows(careers)
    salary = _salary_rows(careers)
    blocks = [career.comparison_blocks for career in careers]
    return Comparison(
        columns=columns,
        summary=Summary(
            shared_soft=sum(row.shared for row in soft),
            shared_hard=sum(row.shared for row in hard),
            shared_tools=sum(row.shared for row in _skill_rows(tool_links)),
            shared_constraints=sum(row.shared for row in constraints),
            fulfilment_gap=_fulfilment_gap(fulfilment),
            salary_gap=_salary_gap(salary, columns),
        ),
        fulfilment=fulfilment,
        chart=charts.percent_lines(
            [row.label for row in fulfilment],
            [[row.values[index] for row in fulfilment] for index in range(len(columns))],
        ),
        salary=salary,
        salary_chart=charts.grouped_ranges(
            [(row.label, row.experience, [_amounts(band) for band in row.cells]) for row in salary]
        ),
        hard_skills=hard,
        soft_skills=soft,
        constraints=constraints,
        tools=_tool_groups(tool_links),
        vocabularies=_vocabularies(links, single=len(columns) < 2),
        education=_aligned(
            [career.comparison_educations for career in careers], key=lambda e: e.name
        ),
        experience=[list(career.comparison_experiences) for career in careers],
        evolution=[_evolution_paragraphs(career) for career in careers],
        missions=[
            AlignedRow(
                f"Bloc {index + 1}",
                [column[index] if index < len(column) else None for column in blocks],
            )
            for index in range(max(map(len, blocks), default=0))
        ],
        mission_totals=[sum(block.mission_count for block in column) for column in blocks],
    )


def _links_by_kind(career: Career) -> dict[str, list]:
    by_kind = {kind: [] for kind in SkillKind.values}
    for link in career.comparison_links:
        by_kind[link.skill.kind].append(link)
    return by_kind


def _skill_rows(columns: list[list]) -> list[SkillRow]:
    """The union of the columns' items: shared by all first, then by how many share them."""
    cells_by_skill: dict[int, list] = {}
    skills = {}
    for index, links in enumerate(columns):
        for link in links:
            skills.setdefault(link.skill_id, link.skill)
            cells_by_skill.setdefault(link.skill_id, [None] * len(columns))[index] = link
    rows = []
    for skill_id, cells in cells_by_skill.items():
        count = sum(cell is not None for cell in cells)
        rows.append(SkillRow(skills[skill_id], cells, count, _is_shared(count, len(columns))))
    # sorted() is stable: first appearance breaks the ties.
    return sorted(rows, key=lambda row: -row.share_count)


def _vocabularies(links: list[dict[str, list]], *, single: bool) -> list[Vocabulary]:
    """The ROME vocabularies some compared career names; a career alone shows all of its own."""
    vocabularies = []
    for spec in VOCABULARY_SPECS:
        rows = _skill_rows([by_kind[spec.skill_kind] for by_kind in links])
        if rows:
            common = [row for row in rows if single or row.share_count > 1]
            own = [row for row in rows if not single and row.share_count == 1]
            vocabularies.append(Vocabulary(spec, common, own))
    return vocabularies


def _is_shared(count: int, total: int) -> bool:
    return total > 1 and count == total


def _family_of(link):
    return link.tool_group.family if link.tool_group else None


def _tool_groups(columns: list[list]) -> list[ToolFamilyGroup]:
    """Tools under their families; a tool may sit in different families for two careers."""
    total = len(columns)
    families: dict[int | None, object] = {}
    in_family: dict[int | None, dict[int, list[bool]]] = {}
    family_used: dict[int, list] = {}
    used: dict[int, list[bool]] = {}
    skills = {}
    for index, links in enumerate(columns):
        for link in links:
            family = _family_of(link)
            key = family.pk if family else None
            families.setdefault(key, family)
            skills.setdefault(link.skill_id, link.skill)
            in_family.setdefault(key, {}).setdefault(link.skill_id, [False] * total)[index] = True
            used.setdefault(link.skill_id, [False] * total)[index] = True
            family_used.setdefault(link.skill_id, [None] * total)[index] = family
    groups = []
    for key, tools in in_family.items():
        rows = []
        for skill_id, listed in tools.items():
            cells = [
                ToolCell(True)
                if listed[i]
                else ToolCell(False, used[skill_id][i], family_used[skill_id][i])
                for i in range(total)
            ]
            count = sum(used[skill_id])
            rows.append(ToolRow(skills[skill_id], cells, count, _is_shared(count, total)))
        rows.sort(key=lambda row: -row.share_count)
        present = sum(any(column) for column in zip(*tools.values(), strict=True))
        groups.append(ToolFamilyGroup(families[key], _is_shared(present, total), rows))
    return sorted(groups, key=lambda group: not group.shared)


def _aligned(columns: list[Iterable], *, key) -> list[AlignedRow]:
    """Rows matched on a label across columns (BTS with BTS), in order of first appearance."""
    rows: dict[str, AlignedRow] = {}
    for index, items in enumerate(columns):
        for item in items:
            label = key(item)
            row = rows.setdefault(label.casefold(), AlignedRow(label, [None] * len(columns)))
            if row.cells[index] is None:
                row.cells[index] = item
    return list(rows.values())


def _evolution_paragraphs(career: Career) -> list[str]:
    paragraphs = []
    for section in career.evolution_sections:
        for text in (section.intro, section.note):
            paragraphs += [part.strip() for part in text.split("\n\n") if part.strip()]
    return paragraphs


def _fulfilment_rows(careers: Sequence[Career]) -> list[FulfilmentRow]:
    percents = [
        {score.dimension: score.percent for score in career.comparison_scores} for career in careers
    ]
    rows = []
    for dimension in Dimension:
        values = [by_dimension.get(dimension.value) for by_dimension in percents]
        known = [value for value in values if value is not None]
        if not known:
            continue
        gap = max(known) - min(known) if len(known) > 1 else None
        rows.append(FulfilmentRow(dimension.label, values, gap))
    return rows


def _fulfilment_gap(rows: list[FulfilmentRow]) -> FulfilmentGap | None:
    gaps = [row.gap for row in rows if row.gap is not None]
    if not gaps:
        return None
    biggest = max(gaps)
    return FulfilmentGap([row.label for row in rows if row.gap == biggest], biggest)


def _salary_rows(careers: Sequence[Career]) -> list[SalaryRow]:
    aligned = _aligned([career.comparison_bands for career in careers], key=lambda band: band.label)
    rows = []
    for row in aligned:
        first = next(band for band in row.cells if band is not None)
        rows.append(SalaryRow(row.label, first.experience, row.cells))
    return rows


def _amounts(band) -> tuple[int, int] | None:
    return (band.min_eur, band.max_eur) if band is not None else None


def _salary_gap(rows: list[SalaryRow], columns: list[Column]) -> SalaryGap | None:
    biggest = None
    for row in rows:
        for bound, attribute in (("minimum", "min_eur"), ("maximum", "max_eur")):
            values = [
                Extreme(column, getattr(band, attribute))
                for column, band in zip(columns, row.cells, strict=True)
                if band is not None
            ]
            if len(values) < 2:
                continue
            low = min(values, key=lambda extreme: extreme.value)
            high = max(values, key=lambda extreme: extreme.value)
            gap = high.value - low.value
            if gap and (biggest is None or gap > biggest.gap):
                biggest = SalaryGap(row.label, bound, low, high, gap)
    return biggest
