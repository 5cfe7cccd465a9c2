"""The career list's facet ticks."""

from django.template import Context, Template

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
