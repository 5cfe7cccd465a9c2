from types import SimpleNamespace

from careers import charts


def band(label, low, high, experience=""):
    return SimpleNamespace(label=label, experience=experience, min_eur=low, max_eur=high)


def test_percent_chart_scales_bars_to_the_width():
    chart = charts.percent_chart([("Qualité de vie", 65), ("Carrière", 100), ("Vide", 0)])
    assert [bar.width for bar in chart.bars] == [260.0, 400.0, 0.0]
    assert [bar.value for bar in chart.bars] == [65, 100, 0]
    assert chart.height == 3 * charts.ROW_HEIGHT


def test_rows_stack_one_under_the_other():
    chart = charts.percent_chart([("A", 10), ("B", 20)])
    first, second = chart.bars
    assert second.y == first.y + charts.ROW_HEIGHT
    assert first.label_y < first.bar_y < second.label_y


def test_hard_skill_chart_skips_links_without_score():
    links = [
        SimpleNamespace(skill=SimpleNamespace(name="Chaîne logistique"), score=90),
        SimpleNamespace(skill=SimpleNamespace(name="Sans score"), score=None),
    ]
    chart = charts.hard_skill_chart(links)
    assert [(bar.label, bar.value) for bar in chart.bars] == [("Chaîne logistique", 90)]


def test_salary_chart_draws_ranges_on_a_round_axis_from_zero():
    chart = charts.salary_chart(
        [band("DÉBUTANT", 22000, 26000, "- de 3ans"), band("CONFIRMÉ", 30000, 34000)]
    )
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
    chart = charts.salary_chart([])
    assert chart.bars == []
    assert chart.height == 0


def test_a_band_with_equal_bounds_stays_visible():
    chart = charts.salary_chart([band("Fixe", 30000, 30000)])
    assert chart.bars[0].width >= 2


def test_salary_step_keeps_at_most_five_intervals():
    assert charts.salary_step(34000) == 10000
    assert charts.salary_step(4000) == 1000
    assert charts.salary_step(240000) == 50000
