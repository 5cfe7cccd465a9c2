"""How the site writes money, paragraphs and JSON-LD in its pages."""

import json

from django.template import Context, Template
from django.utils import formats
from hypothesis import given
from hypothesis import strategies as st

from core.templatetags.formatting import euros, jsonld, number, paragraphs

NNBSP = "\u202f"
NBSP = "\xa0"


def test_euros_groups_thousands_with_a_narrow_no_break_space():
    assert euros(22000) == f"22{NNBSP}000{NBSP}€"
    assert euros(1_250_000) == f"1{NNBSP}250{NNBSP}000{NBSP}€"
    assert euros(950) == f"950{NBSP}€"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_a_whole_number_is_grouped_as_django_localises_it_in_french(value):
    localised = formats.number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    assert number(value) == localised.replace(NBSP, NNBSP).replace(" ", NNBSP)


def test_euros_leaves_an_absent_amount_empty():
    assert euros(None) == ""
    assert euros("") == ""


def test_euros_in_a_template_gives_the_french_range():
    html = Template("{% load formatting %}{{ a|euros }} – {{ b|euros }} brut par an").render(
        Context({"a": 22000, "b": 26000})
    )
    assert html == f"22{NNBSP}000{NBSP}€ – 26{NNBSP}000{NBSP}€ brut par an"


def test_paragraphs_split_on_blank_lines_only():
    text = "Premier paragraphe,\nsur deux lignes.\n\n  \nSecond paragraphe."
    assert paragraphs(text) == ["Premier paragraphe,\nsur deux lignes.", "Second paragraphe."]
    assert paragraphs("") == []


def test_paragraphs_are_escaped_when_rendered():
    html = Template(
        "{% load formatting %}{% for p in text|paragraphs %}<p>{{ p }}</p>{% endfor %}"
    ).render(Context({"text": "<b>gras</b>\n\nfin"}))
    assert html == "<p>&lt;b&gt;gras&lt;/b&gt;</p><p>fin</p>"


def test_jsonld_cannot_be_broken_out_of():
    title = "</script><script>alert(1)</script>"
    html = str(jsonld({"name": title, "note": "a & b <!--"}))
    assert html.startswith('<script type="application/ld+json">')
    assert html.endswith("</script>")
    assert html.count("</script>") == 1
    assert "<script>" not in html.removeprefix('<script type="application/ld+json">')
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": title, "note": "a & b <!--"}


def test_jsonld_keeps_accents_readable():
    assert "Qualité" in str(jsonld({"name": "Qualité"}))
