"""The geometry of the site's charts: rows of bars, a money axis, and the comparison's."""

from types import SimpleNamespace

from careers.sections.skills import HardSkills
from core import charts


def test_percent_chart_scales_bars_to_the_width():
    chart = charts.percent_bars([("Qualité de vie", 65), ("Carrière", 100), ("Vide", 0)])
    assert [bar.width for bar in chart.bars] == [260.0, 400.0, 0.0]
    assert [bar.value for bar in chart.bars] == [65, 100, 0]
    assert chart.height == 3 * charts.ROW_HEIGHT


def test_rows_stack_one_under_the_other():
    chart = charts.percent_bars([("A", 10), ("B", 20)])
    first, second = chart.bars
    assert second.y == first.y + charts.ROW_HEIGHT
    assert first.label_y < first.bar_y < second.label_y


def test_hard_skill_chart_skips_links_without_score():
    links = [
        SimpleNamespace(skill=SimpleNamespace(name="Chaîne logistique"), score=90),
        SimpleNamespace(skill=SimpleNamespace(name="Sans score"), score=None),
    ]
    chart = HardSkills().chart(SimpleNamespace(hard_skills=links))
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Chaîne logistique", 90)]


def test_salary_chart_draws_ranges_on_a_round_axis_from_zero():
    chart = charts.range_bars([("DÉBUTANT (- de 3ans)", 22000, 26000), ("CONFIRMÉ", 30000, 34000)])
    assert [tick.value for tick in chart.ticks] == [0, 10000, 20000, 30000, 40000]
    assert [tick.anchor for tick in chart.ticks] == ["start", "middle", "middle", "middle", "end"]
    debutant, confirme = chart.bars
    assert debutant.label == "DÉBUTANT (- de 3ans)"
    assert confirme.label == "CONFIRMÉ"
    assert debutant.x == 220.0
    assert debutant.width == 40.0
    assert (debutant.value, debutant.value_max) == (22000, 26000)
    assert chart.axis_y == 2 * charts.ROW_HEIGHT
    assert chart.height > chart.axis_y


def test_salary_chart_without_bands_is_empty():
    chart = charts.range_bars([])
    assert chart.bars == []
    assert chart.height == 0


def test_a_band_with_equal_bounds_stays_visible():
    chart = charts.range_bars([("Fixe", 30000, 30000)])
    assert chart.bars[0].width >= 2


def money_step(top: int) -> int:
    return charts.axis(0, top, steps=charts.MONEY_STEPS, max_intervals=5).step


def test_salary_step_keeps_at_most_five_intervals():
    assert money_step(34000) == 10000
    assert money_step(4000) == 1000
    assert money_step(240000) == 50000


def test_a_fitted_axis_rounds_both_ends_out_to_its_step():
    axis = charts.axis(22000, 34000, steps=charts.GROUPED_MONEY_STEPS, max_intervals=6)
    assert (axis.low, axis.high, axis.step) == (20000, 35000, 5000)
    wide = charts.axis(22000, 60000, steps=charts.GROUPED_MONEY_STEPS, max_intervals=6)
    assert (wide.low, wide.high, wide.step) == (20000, 60000, 10000)
