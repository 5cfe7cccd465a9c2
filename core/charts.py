"""The geometry of every inline SVG chart of the site, computed here so templates only loop.

Charts take plain labels and numbers, never models: the job sheet draws its
fulfilment profile, hard-skill scores and salary bands as rows of bars
(`percent_bars`, `range_bars`); the comparison overlays careers on one line
chart (`percent_lines`) and lines their salary bands up on one axis
(`grouped_ranges`). Numbers are returned raw; templates format them.
"""

import math
from dataclasses import dataclass

# --- What every chart shares -------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    value: int | str
    position: float
    anchor: str = "middle"  # text-anchor that keeps the end labels inside the viewBox

    @property
    def lines(self) -> list[str]:
        """A two-word label on two lines, so that five fit side by side on a phone."""
        words = str(self.value).split()
        if len(words) < 2:
            return [str(self.value)]
        middle = min(
            range(1, len(words)),
            key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))),
        )
        return [" ".join(words[:middle]), " ".join(words[middle:])]


@dataclass(frozen=True)
class Axis:
    low: int
    high: int
    step: int

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1, self.step)


def axis(smallest: int, largest: int, *, steps: tuple[int, ...], max_intervals: int) -> Axis:
    """A round axis covering `smallest`..`largest`.

    The step is the first of `steps` that draws at most `max_intervals` intervals
    over the span (the last step otherwise); both ends are rounded out to a step.
    """
    span = largest - smallest
    step = next((step for step in steps if span / step <= max_intervals), steps[-1])
    low = math.floor(smallest / step) * step
    high = max(math.ceil(largest / step) * step, low + step)
    return Axis(low, high, step)


MARKER_RADIUS = 5


def marker_path(number: int, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """Circle, square, triangle, diamond: one shape per series, so colour is not needed."""
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


# --- Rows of bars: one chart per job-sheet section -----------------------------------------------
# A stack of horizontal rows in a fixed 400-unit-wide viewBox: each row's label sits above its bar.

WIDTH = 400
ROW_HEIGHT = 44
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 14
AXIS_HEIGHT = 24
# Steps of a money axis from 0: at most five intervals.
MONEY_STEPS = (1_000, 2_000, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the row
    label_y: int
    bar_y: int
    x: float
    width: float
    # For ranges only: the upper bound.
    value_max: int | None = None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bar_height: int
    bars: list[Bar]
    ticks: list[Tick]
    axis_y: int = 0


def _row(index: int) -> dict:
    top = index * ROW_HEIGHT
    return {"y": top, "label_y": top + LABEL_BASELINE, "bar_y": top + BAR_TOP}


def percent_bars(rows: list[tuple[str, int]]) -> Chart:
    """Bars on a 0–100 scale: fulfilment percents or hard-skill scores."""
    bars = [
        Bar(label=label, value=value, x=0, width=round(WIDTH * value / 100, 1), **_row(index))
        for index, (label, value) in enumerate(rows)
    ]
    return Chart(
        width=WIDTH, height=len(bars) * ROW_HEIGHT, bar_height=BAR_HEIGHT, bars=bars, ticks=[]
    )


def _anchor(value: int, scale_max: int) -> str:
    if value == 0:
        return "start"
    return "end" if value == scale_max else "middle"


def range_bars(rows: list[tuple[str, int, int]]) -> Chart:
    """Each (label, low, high) as a bar from low to high on a shared money axis from 0."""
    if not rows:
        return Chart(width=WIDTH, height=0, bar_height=BAR_HEIGHT, bars=[], ticks=[])
    scale = axis(0, max(high for _, _, high in rows), steps=MONEY_STEPS, max_intervals=5)

    def x(amount: int) -> float:
        return round(WIDTH * amount / scale.high, 1)

    bars = [
        Bar(
            label=label,
            value=low,
            value_max=high,
            x=x(low),
            width=max(round(x(high) - x(low), 1), 2),
            **_row(index),
        )
        for index, (label, low, high) in enumerate(rows)
    ]
    axis_y = len(bars) * ROW_HEIGHT
    ticks = [
        Tick(value=value, position=x(value), anchor=_anchor(value, scale.high))
        for value in scale.values
    ]
    return Chart(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        bar_height=BAR_HEIGHT,
        bars=bars,
        ticks=ticks,
        axis_y=axis_y,
    )


# --- Several series on one chart: the comparison ------------------------------------------------
# Narrow on purpose, so that scaled down to a phone the labels stay readable.

SERIES_WIDTH = 520
LINES_HEIGHT = 300
LINES_MARGIN = {"top": 16, "right": 8, "bottom": 56, "left": 48}
# Markers of the same value side by side rather than on top of each other.
DODGE = 7
# Grouped bars: a title line per group, then one bar per series. Room is kept at both
# ends for the first and last amounts of the axis, and right of a bar for its label.
GROUPS_LEFT, GROUPS_RIGHT = 32, SERIES_WIDTH - 32
GROUP_TITLE_HEIGHT, GROUP_BAR_STEP, GROUP_BAR_HEIGHT = 30, 28, 16
BAR_LABEL_ROOM = 140
# Steps of a money axis fitted to the amounts shown.
GROUPED_MONEY_STEPS = (5_000, 10_000)


@dataclass(frozen=True)
class Series:
    number: int  # 1, 2…: the series' colour, line style and marker
    path: str
    markers: list[str]


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    x_labels: list[Tick]
    y_ticks: list[Tick]
    series: list[Series]


def percent_lines(categories: list[str], values: list[list[int | None]]) -> LineChart:
    """One line of 0–100 values per series over the same categories; a None breaks the line.

    `values[n][i]` is series n+1's value in category i.
    """
    margin = LINES_MARGIN
    left, right = margin["left"], SERIES_WIDTH - margin["right"]
    top, bottom = margin["top"], LINES_HEIGHT - margin["bottom"]
    step = (right - left) / max(len(categories), 1)

    def x_of(index: int) -> float:
        return left + step * (index + 0.5)

    def y_of(percent: int) -> float:
        return bottom - (bottom - top) * percent / 100

    series = []
    for index, series_values in enumerate(values):
        number = index + 1
        offset = (index - (len(values) - 1) / 2) * DODGE
        path, markers, pen_down = [], [], False
        for category, value in enumerate(series_values):
            if value is None:
                pen_down = False
                continue
            x, y = x_of(category) + offset, y_of(value)
            path.append(f"{'L' if pen_down else 'M'}{x:.1f} {y:.1f}")
            markers.append(marker_path(number, x, y))
            pen_down = True
        series.append(Series(number, "".join(path), markers))
    return LineChart(
        width=SERIES_WIDTH,
        height=LINES_HEIGHT,
        plot_left=left,
        plot_right=right,
        x_labels=[Tick(label, round(x_of(i), 1)) for i, label in enumerate(categories)],
        y_ticks=[Tick(f"{p} %", round(y_of(p), 1)) for p in range(0, 101, 25)],
        series=series,
    )


@dataclass(frozen=True)
class RangeBar:
    series: int
    low: int
    high: int
    x: float
    width: float
    y: float
    marker: str
    label_x: float
    label_anchor: str


@dataclass(frozen=True)
class RangeGroup:
    label: str
    note: str
    bars: list[RangeBar]
    title_y: float


@dataclass(frozen=True)
class GroupedRangeChart:
    width: int
    height: int
    groups: list[RangeGroup]
    ticks: list[Tick]
    axis_y: float
    bar_height: int = GROUP_BAR_HEIGHT


def grouped_ranges(
    groups: list[tuple[str, str, list[tuple[int, int] | None]]],
) -> GroupedRangeChart:
    """(label, note, one (low, high) or None per series) groups on one money axis.

    Each group gets a title line, then a bar per series that has a range.
    """
    amounts = [amount for _, _, cells in groups for cell in cells if cell for amount in cell]
    scale = (
        axis(min(amounts), max(amounts), steps=GROUPED_MONEY_STEPS, max_intervals=6)
        if amounts
        else Axis(0, 1, 1)
    )

    def x_of(amount: int) -> float:
        span = scale.high - scale.low
        return GROUPS_LEFT + (GROUPS_RIGHT - GROUPS_LEFT) * (amount - scale.low) / span

    drawn, y = [], 0.0
    for label, note, cells in groups:
        title_y = y + GROUP_TITLE_HEIGHT - 10
        y += GROUP_TITLE_HEIGHT
        bars = []
        for index, cell in enumerate(cells):
            if cell is None:
                continue
            low, high = cell
            start, end = x_of(low), x_of(high)
            room_right = end + BAR_LABEL_ROOM <= GROUPS_RIGHT
            bars.append(
                RangeBar(
                    series=index + 1,
                    low=low,
                    high=high,
                    x=round(start, 1),
                    # A range of one amount still shows as a thin bar.
                    width=round(max(end - start, 2), 1),
                    y=y,
                    marker=marker_path(index + 1, start, y + GROUP_BAR_HEIGHT / 2, 4.5),
                    label_x=round(end + 8 if room_right else start - 8, 1),
                    label_anchor="start" if room_right else "end",
                )
            )
            y += GROUP_BAR_STEP
        drawn.append(RangeGroup(label, note, bars, title_y))
    axis_y = y + 6
    ticks = [Tick(amount, round(x_of(amount), 1)) for amount in scale.values]
    return GroupedRangeChart(SERIES_WIDTH, int(axis_y + 26), drawn, ticks, axis_y)
