"""Comparing careers side by side, and the comparison tray kept in the session.

`build_comparison` works on careers already loaded with
`Career.objects.for_comparison()` and runs no query: every row it returns
holds one cell per career, in the order of the columns, so the template
only loops. The tray functions change the visitor's session.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlencode

from skills.models import SkillKind

from .models import Career, Dimension

MAX_COMPARED = 4
SESSION_KEY = "comparison"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,220}")


# --- The selection in the URL ---------------------------------------------------------------


class SelectionProblem(StrEnum):
    NONE = ""
    EMPTY = "empty"
    GARBAGE = "garbage"
    TOO_MANY = "too_many"


@dataclass(frozen=True)
class Selection:
    tokens: list[str]
    problem: SelectionProblem = SelectionProblem.NONE
    rejected: tuple[str, ...] = ()


def parse_selection(
    values: Iterable[str], *, pattern: re.Pattern = SLUG, limit: int = MAX_COMPARED
) -> Selection:
    """Read `?metiers=a,b` (or `?metiers=a&metiers=b` from the picker form), in URL order.

    Repeated tokens are dropped, keeping the first; tokens that cannot be a
    slug or code are rejected rather than looked up.
    """
    tokens = [token.strip() for value in values for token in value.split(",")]
    tokens = [token for token in tokens if token]
    if not tokens:
        return Selection([], SelectionProblem.EMPTY)
    rejected = tuple(token for token in tokens if not pattern.fullmatch(token))
    if rejected:
        return Selection([], SelectionProblem.GARBAGE, rejected)
    unique = list(dict.fromkeys(tokens))
    if len(unique) > limit:
        return Selection(unique, SelectionProblem.TOO_MANY)
    return Selection(unique)


def comparison_query(slugs: Sequence[str]) -> str:
    """The query string of the comparison of these careers: "?metiers=a,b"."""
    if not slugs:
        return ""
    return "?" + urlencode({"metiers": ",".join(slugs)}, safe=",")


# --- The comparison -----------------------------------------------------------------------

# Drawing sizes of the two charts, in SVG user units: narrow on purpose, so that
# scaled down to a phone the labels stay readable.
CHART_WIDTH = 520
FULFILMENT_HEIGHT = 300
FULFILMENT_MARGIN = {"top": 16, "right": 8, "bottom": 56, "left": 48}
MARKER_RADIUS = 5
# Salary chart: a title line per band, then one bar per career. Room is kept at
# both ends for the first and last amounts of the axis.
SALARY_LEFT, SALARY_RIGHT = 32, CHART_WIDTH - 32
SALARY_TITLE_HEIGHT, SALARY_BAR_STEP, SALARY_BAR_HEIGHT = 30, 28, 16
# Markers of the same value side by side rather than on top of each other.
DODGE = 7


def marker_path(number: int, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """Circle, square, triangle, diamond: one shape per career, so colour is not needed."""
    shape = (number - 1) % 4
    if shape == 0:
        return f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"
    corners = {
        1: [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
        2: [(0, -1.2), (1.1, 1), (-1.1, 1)],
        3: [(0, -1.3), (1, 0), (0, 1.3), (-1, 0)],
    }[shape]
    points = "L".join(f"{x + dx * r:.1f} {y + dy * r:.1f}" for dx, dy in corners)
    return f"M{points}Z"


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
class ChartSeries:
    column: Column
    path: str
    markers: list[str]


@dataclass(frozen=True)
class ChartTick:
    position: float
    label: str | int

    @property
    def lines(self) -> list[str]:
        """A two-word label on two lines, so that five fit side by side on a phone."""
        words = str(self.label).split()
        if len(words) < 2:
            return [str(self.label)]
        middle = min(
            range(1, len(words)),
            key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
        )
        return [" ".join(words[:middle]), " ".join(words[middle:])]


@dataclass(frozen=True)
class FulfilmentChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    x_labels: list[ChartTick]
    y_ticks: list[ChartTick]
    series: list[ChartSeries]


@dataclass(frozen=True)
class SalaryBar:
    column: Column
    band: object
    x: float
    width: float
    y: float
    marker: str
    label_x: float
    label_anchor: str


@dataclass(frozen=True)
class SalaryRow:
    label: str
    experience: str
    cells: list
    bars: list[SalaryBar]
    title_y: float


@dataclass(frozen=True)
class SalaryChart:
    width: int
    height: int
    rows: list[SalaryRow]
    ticks: list[ChartTick]
    axis_y: float
    bar_height: int = SALARY_BAR_HEIGHT


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
    chart: FulfilmentChart
    salary: SalaryChart
    hard_skills: list[SkillRow]
    soft_skills: list[SkillRow]
    constraints: list[SkillRow]
    tools: list[ToolFamilyGroup]
    education: list[AlignedRow]
    experience: list[list]
    evolution: list[list[str]]
    missions: list[AlignedRow]
    mission_totals: list[int]

    @property
    def is_single(self) -> bool:
        return len(self.columns) < 2


def build_comparison(careers: Sequence[Career]) -> Comparison:
    """Line up careers loaded with `for_comparison()`, columns in the given order."""
    slugs = [career.slug for career in careers]
    columns = [
        Column(
            career=career,
            number=number,
            legend_marker=marker_path(number, 20, 8, 4.5),
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
    salary = _salary_chart(columns)
    blocks = [career.comparison_blocks for career in careers]
    return Comparison(
        columns=columns,
        summary=Summary(
            shared_soft=sum(row.shared for row in soft),
            shared_hard=sum(row.shared for row in hard),
            shared_tools=sum(row.shared for row in _skill_rows(tool_links)),
            shared_constraints=sum(row.shared for row in constraints),
            fulfilment_gap=_fulfilment_gap(fulfilment),
            salary_gap=_salary_gap(salary.rows),
        ),
        fulfilment=fulfilment,
        chart=_fulfilment_chart(columns, fulfilment),
        salary=salary,
        hard_skills=hard,
        soft_skills=soft,
        constraints=constraints,
        tools=_tool_groups(tool_links),
        education=_aligned(
            [career.educationlevel_set.all() for career in careers], key=lambda e: e.name
        ),
        experience=[list(career.experiencepath_set.all()) for career in careers],
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
        {score.dimension: score.percent for score in career.fulfilmentscore_set.all()}
        for career in careers
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


def _fulfilment_chart(columns: list[Column], rows: list[FulfilmentRow]) -> FulfilmentChart:
    margin = FULFILMENT_MARGIN
    left, right = margin["left"], CHART_WIDTH - margin["right"]
    top, bottom = margin["top"], FULFILMENT_HEIGHT - margin["bottom"]
    step = (right - left) / max(len(rows), 1)

    def x_of(index: int) -> float:
        return left + step * (index + 0.5)

    def y_of(percent: int) -> float:
        return bottom - (bottom - top) * percent / 100

    series = []
    for number, column in enumerate(columns):
        offset = (number - (len(columns) - 1) / 2) * DODGE
        path, markers, pen_down = [], [], False
        for index, row in enumerate(rows):
            value = row.values[number]
            if value is None:
                pen_down = False
                continue
            x, y = x_of(index) + offset, y_of(value)
            path.append(f"{'L' if pen_down else 'M'}{x:.1f} {y:.1f}")
            markers.append(marker_path(column.number, x, y))
            pen_down = True
        series.append(ChartSeries(column, "".join(path), markers))
    return FulfilmentChart(
        width=CHART_WIDTH,
        height=FULFILMENT_HEIGHT,
        plot_left=left,
        plot_right=right,
        x_labels=[ChartTick(round(x_of(i), 1), row.label) for i, row in enumerate(rows)],
        y_ticks=[ChartTick(round(y_of(p), 1), f"{p} %") for p in range(0, 101, 25)],
        series=series,
    )


# Room kept right of a bar for its "22 000 – 26 000 €" label.
SALARY_LABEL_ROOM = 140


def _salary_scale(rows: list[AlignedRow]) -> tuple[int, int, int]:
    amounts = [
        amount
        for row in rows
        for band in row.cells
        if band
        for amount in (band.min_eur, band.max_eur)
    ]
    if not amounts:
        return 0, 1, 1
    span = max(amounts) - min(amounts)
    step = 5000 if span <= 30000 else 10000
    low = math.floor(min(amounts) / step) * step
    high = max(math.ceil(max(amounts) / step) * step, low + step)
    return low, high, step


def _salary_chart(columns: list[Column]) -> SalaryChart:
    aligned = _aligned(
        [column.career.salaryband_set.all() for column in columns], key=lambda band: band.label
    )
    low, high, step = _salary_scale(aligned)

    def x_of(amount: int) -> float:
        return SALARY_LEFT + (SALARY_RIGHT - SALARY_LEFT) * (amount - low) / (high - low)

    rows, y = [], 0.0
    for row in aligned:
        title_y = y + SALARY_TITLE_HEIGHT - 10
        y += SALARY_TITLE_HEIGHT
        bars = []
        for column, band in zip(columns, row.cells, strict=True):
            if band is None:
                continue
            start, end = x_of(band.min_eur), x_of(band.max_eur)
            room_right = end + SALARY_LABEL_ROOM <= SALARY_RIGHT
            bars.append(
                SalaryBar(
                    column=column,
                    band=band,
                    x=round(start, 1),
                    # A band of one amount still shows as a thin bar.
                    width=round(max(end - start, 2), 1),
                    y=y,
                    marker=marker_path(column.number, start, y + SALARY_BAR_HEIGHT / 2, 4.5),
                    label_x=round(end + 8 if room_right else start - 8, 1),
                    label_anchor="start" if room_right else "end",
                )
            )
            y += SALARY_BAR_STEP
        first = next(band for band in row.cells if band is not None)
        rows.append(SalaryRow(row.label, first.experience, row.cells, bars, title_y))
    axis_y = y + 6
    ticks = [ChartTick(round(x_of(amount), 1), amount) for amount in range(low, high + 1, step)]
    return SalaryChart(CHART_WIDTH, int(axis_y + 26), rows, ticks, axis_y)


def _salary_gap(rows: list[SalaryRow]) -> SalaryGap | None:
    biggest = None
    for row in rows:
        for bound, attribute in (("minimum", "min_eur"), ("maximum", "max_eur")):
            values = [Extreme(bar.column, getattr(bar.band, attribute)) for bar in row.bars]
            if len(values) < 2:
                continue
            low = min(values, key=lambda extreme: extreme.value)
            high = max(values, key=lambda extreme: extreme.value)
            gap = high.value - low.value
            if gap and (biggest is None or gap > biggest.gap):
                biggest = SalaryGap(row.label, bound, low, high, gap)
    return biggest


# --- The tray ---------------------------------------------------------------------------


def tray_slugs(session) -> list[str]:
    slugs = session.get(SESSION_KEY, [])
    if not isinstance(slugs, list):
        return []
    return [slug for slug in slugs if isinstance(slug, str)][:MAX_COMPARED]


class TrayOutcome(StrEnum):
    ADDED = "added"
    ALREADY_THERE = "already_there"
    FULL = "full"
    UNKNOWN = "unknown"
    REMOVED = "removed"


@dataclass(frozen=True)
class TrayChange:
    outcome: TrayOutcome
    title: str = ""


def add_to_tray(*, session, slug: str) -> TrayChange:
    """Add a published career; a fifth is refused and a second add changes nothing.

    Careers unpublished or deleted since they were added leave the tray here,
    so they never hold one of the four places.
    """
    current = tray_slugs(session)
    titles = dict(
        Career.objects.published().filter(slug__in=[*current, slug]).values_list("slug", "title")
    )
    kept = [s for s in current if s in titles]
    if slug not in titles:
        change = TrayChange(TrayOutcome.UNKNOWN)
    elif slug in kept:
        change = TrayChange(TrayOutcome.ALREADY_THERE, titles[slug])
    elif len(kept) >= MAX_COMPARED:
        change = TrayChange(TrayOutcome.FULL, titles[slug])
    else:
        kept.append(slug)
        change = TrayChange(TrayOutcome.ADDED, titles[slug])
    if kept != session.get(SESSION_KEY):
        session[SESSION_KEY] = kept
    return change


def remove_from_tray(*, session, slug: str) -> TrayChange:
    current = tray_slugs(session)
    if slug in current:
        session[SESSION_KEY] = [s for s in current if s != slug]
    title = Career.objects.filter(slug=slug).values_list("title", flat=True).first() or ""
    return TrayChange(TrayOutcome.REMOVED, title)
