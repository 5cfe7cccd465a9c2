"""Geometry of the job sheet's inline SVG charts, computed here so templates only loop.

Every chart is a stack of horizontal rows in a fixed 400-unit-wide viewBox: the
row's label sits above its bar. Numbers are returned raw; the template formats them.
"""

import math
from dataclasses import dataclass

WIDTH = 400
ROW_HEIGHT = 44
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 14
AXIS_HEIGHT = 24
SALARY_STEPS = (1_000, 2_000, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int  # top of the row
    label_y: int
    bar_y: int
    x: float
    width: float
    # For ranges only (salary bands): the upper bound.
    value_max: int | None = None


@dataclass(frozen=True)
class Tick:
    value: int
    x: float
    anchor: str  # text-anchor that keeps the end labels inside the viewBox


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


def percent_chart(rows: list[tuple[str, int]]) -> Chart:
    """Bars on a 0–100 scale: fulfilment percents or hard-skill scores."""
    bars = [
        Bar(label=label, value=value, x=0, width=round(WIDTH * value / 100, 1), **_row(index))
        for index, (label, value) in enumerate(rows)
    ]
    return Chart(
        width=WIDTH, height=len(bars) * ROW_HEIGHT, bar_height=BAR_HEIGHT, bars=bars, ticks=[]
    )


def fulfilment_chart(scores) -> Chart:
    return percent_chart([(score.get_dimension_display(), score.percent) for score in scores])


def hard_skill_chart(links) -> Chart:
    return percent_chart(
        [(link.skill.name, link.score) for link in links if link.score is not None]
    )


def salary_step(top: int) -> int:
    """The smallest round step that draws at most five intervals up to `top`."""
    return next((step for step in SALARY_STEPS if top / step <= 5), SALARY_STEPS[-1])


def _anchor(value: int, scale_max: int) -> str:
    if value == 0:
        return "start"
    return "end" if value == scale_max else "middle"


def salary_chart(bands) -> Chart:
    """Each band as a range from its minimum to its maximum on a shared axis from 0 €."""
    bands = list(bands)
    if not bands:
        return Chart(width=WIDTH, height=0, bar_height=BAR_HEIGHT, bars=[], ticks=[])
    step = salary_step(max(band.max_eur for band in bands))
    scale_max = step * max(1, math.ceil(max(band.max_eur for band in bands) / step))

    def x(euros: int) -> float:
        return round(WIDTH * euros / scale_max, 1)

    bars = [
        Bar(
            label=f"{band.label} ({band.experience})" if band.experience else band.label,
            value=band.min_eur,
            value_max=band.max_eur,
            x=x(band.min_eur),
            width=max(round(x(band.max_eur) - x(band.min_eur), 1), 2),
            **_row(index),
        )
        for index, band in enumerate(bands)
    ]
    axis_y = len(bars) * ROW_HEIGHT
    ticks = [
        Tick(value=value, x=x(value), anchor=_anchor(value, scale_max))
        for value in range(0, scale_max + 1, step)
    ]
    return Chart(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        bar_height=BAR_HEIGHT,
        bars=bars,
        ticks=ticks,
        axis_y=axis_y,
    )
