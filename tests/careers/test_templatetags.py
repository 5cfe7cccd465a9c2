"""Markup built in Python: facet ticks, comparison buttons and comparison rows."""

import re
from types import SimpleNamespace

from django.template import Context, Template
from django.template.context import make_context
from django.test import RequestFactory

NNBSP = "\u202f"
NBSP = "\xa0"


def test_facet_checkboxes_escape_tick_and_count_the_french_way():
    group = {
        "param": "hard",
        "options": [
            {"slug": "r-d", "name": "R&D <labo>", "count": 1234, "checked": True},
            {"slug": "achats", "name": "Achats", "count": 2, "checked": False},
        ],
    }
    rendered = Template("{% load careers_tags %}{% facet_checkboxes group %}").render(
        Context({"group": group})
    )
    assert rendered.splitlines() == [
        '<li><input type="checkbox" form="filtres" name="hard" value="r-d" id="hard-r-d" checked> '
        '<label for="hard-r-d">R&amp;D &lt;labo&gt; '
        f'<span class="count">1{NBSP}234</span></label></li>',
        '<li><input type="checkbox" form="filtres" name="hard" value="achats" id="hard-achats"> '
        '<label for="hard-achats">Achats <span class="count">2</span></label></li>',
    ]


def test_compare_button_escapes_and_comes_back_to_the_page_or_where_it_is_told():
    career = SimpleNamespace(slug="r-d", title='R&D "<labo>"')
    request = RequestFactory().get("/metiers/?q=r%26d&page=2")
    rendered = Template(
        "{% load careers_tags %}{% compare_button career %}{% compare_button career '/ailleurs/' %}"
    ).render(make_context({"career": career, "csrf_token": "jeton"}, request))
    here, elsewhere = rendered.split("</form>")[:2]
    assert here.startswith(
        '<form class="compare-add no-print" method="post" action="/comparer/ajouter/" '
        'hx-post="/comparer/ajouter/" hx-target="#tray" hx-swap="innerHTML">'
    )
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="jeton">' in here
    assert '<input type="hidden" name="metier" value="r-d">' in here
    assert '<input type="hidden" name="next" value="/metiers/?q=r%26d&amp;page=2">' in here
    assert " : R&amp;D &quot;&lt;labo&gt;&quot;</span>" in here
    assert '<input type="hidden" name="next" value="/ailleurs/">' in elsewhere


def test_compare_row_escapes_scores_ticks_and_tags_key_skills():
    skill = SimpleNamespace(name="R&D <labo>", get_absolute_url=lambda: "/competences/r-d/")
    link = SimpleNamespace(score=None, is_core=True)
    scored = SimpleNamespace(score=85, is_core=False)
    row = SimpleNamespace(skill=skill, cells=[link, None, scored], share_count=2, shared=False)
    template = Template("{% load careers_tags %}{% compare_row row scored %}")

    ticks = template.render(Context({"row": row, "scored": False}))
    scores = template.render(Context({"row": row, "scored": True}))

    assert ticks.startswith(
        '<tr><th scope="row"><a href="/competences/r-d/">R&amp;D &lt;labo&gt;</a> '
        '<span class="badge-partial">Commun à 2 métiers</span></th>'
    )
    assert ticks.count("Compétence clé") == 1
    assert ticks.count('<span class="visually-hidden">non</span>') == 1
    assert '<td class="compare-value">85</td>' in scores
    assert "Compétence clé" not in scores


def test_compare_thead_heads_each_career_in_order_and_the_gap_if_any():
    def column(number, title, slug):
        career = SimpleNamespace(title=title, get_absolute_url=lambda: f"/metiers/{slug}/")
        return SimpleNamespace(number=number, legend_marker="M1 2Z", career=career)

    columns = [column(1, "R&D <labo>", "r-d"), column(2, "Achats", "achats")]
    template = Template("{% load careers_tags %}{% compare_thead columns corner gap %}")
    with_gap = template.render(Context({"columns": columns, "corner": "Niveau", "gap": "Écart"}))
    without = template.render(Context({"columns": columns, "corner": "Niveau"}))

    assert with_gap.index("R&amp;D &lt;labo&gt;") < with_gap.index("Achats")
    assert '<a href="/metiers/r-d/">' in with_gap
    assert 'class="compare-col series-head-2"' in with_gap
    assert '<th scope="col" class="compare-gap">Écart</th>' in with_gap
    assert "compare-gap" not in without
    assert '<th scope="col" class="compare-corner">Niveau</th>' in without


def test_compare_tool_row_ticks_a_tool_filed_elsewhere_under_its_family():
    from careers.comparison import ToolCell, ToolRow

    skill = SimpleNamespace(name="Excel <365>", get_absolute_url=lambda: "/competences/excel/")
    row = ToolRow(
        skill=skill,
        cells=[
            ToolCell(listed=True),
            ToolCell(
                listed=False, elsewhere=True, other_family=SimpleNamespace(name="Bureautique & co")
            ),
            ToolCell(listed=False, elsewhere=True),
            ToolCell(listed=False),
        ],
        share_count=3,
        shared=False,
    )
    html = Template("{% load careers_tags %}{% compare_tool_row row %}").render(
        Context({"row": row})
    )

    assert (
        '<tr>\n        <th scope="row"><a href="/competences/excel/">Excel &lt;365&gt;</a>' in html
    )
    assert "Commun à 3 métiers" in html
    tick = '<span class="tick" aria-hidden="true">✓</span>'
    cells = re.findall(r'<td class="compare-value">(.*?)</td>', html)
    assert cells == [
        f'{tick}<span class="visually-hidden">oui</span>',
        f'{tick} <span class="muted">dans « Bureautique &amp; co »</span>',
        f'{tick} <span class="muted">dans « Autres outils »</span>',
        '<span aria-hidden="true">—</span><span class="visually-hidden">non</span>',
    ]


def test_career_card_names_the_other_name_only_for_a_search_that_missed_the_title():
    link = SimpleNamespace(skill=SimpleNamespace(name="Douane & transit"), score=70)
    career = SimpleNamespace(
        title="Agent <quai>",
        slug="agent-quai",
        summary="Charge & décharge.",
        get_absolute_url=lambda: "/metiers/agent-quai/",
        search_aliases=[SimpleNamespace(label="Cheffe de quai")],
        title_hit=0,
        starting_salary_min=22000,
        starting_salary_max=26000,
        top_hard_skills=[link, link, link, link],
    )
    context = make_context({"career": career}, RequestFactory().get("/metiers/"))
    template = Template("{% load careers_tags %}{% career_card career q %}")

    searched = template.render(make_context({"career": career, "q": "cheffe"}, context.request))
    listed = template.render(context)

    assert '<h3><a href="/metiers/agent-quai/">Agent &lt;quai&gt;</a></h3>' in searched
    assert '<p class="muted">Appellation : Cheffe de quai</p>' in searched
    assert "Appellation" not in listed
    assert f"22{NNBSP}000{NBSP}€ – 26{NNBSP}000{NBSP}€ brut par an" in listed
    assert listed.count('<span class="score">70/100</span>') == 3  # the first three
    assert "<p>Charge &amp; décharge.</p>" in listed
    assert 'name="metier" value="agent-quai"' in listed
