"""core.forms.PlainSelect: Django's own <select>, byte for byte, rendered in Python."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from core.forms import PlainSelect

CHOICES = [
    ("", "Tous"),
    ("N1303", "N1303 Intervention technique d'exploitation logistique"),
    ("M1607", "Secrétariat & « accueil » <b>"),
    (7, "Niveau 7"),
    ("Groupe <1>", [("a", "A & a"), ("b", mark_safe("<em>B</em>"))]),
]


@pytest.mark.parametrize("value", ["", "N1303", "7", "b", None, "inconnu"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_rome"}, {"id": "x", "disabled": True, "hidden": False, "data-n": 3}]
)
def test_plain_select_writes_what_django_select_writes(value, attrs):
    plain = PlainSelect(choices=CHOICES).render("rome", value, attrs)
    django = forms.Select(choices=CHOICES).render("rome", value, attrs)
    assert plain == django


def test_a_bound_field_renders_the_same_with_the_plain_select():
    class Plain(forms.Form):
        rome = forms.ChoiceField(choices=CHOICES, required=False, widget=PlainSelect)

    class Django(forms.Form):
        rome = forms.ChoiceField(choices=CHOICES, required=False)

    assert str(Plain({"rome": "M1607"})["rome"]) == str(Django({"rome": "M1607"})["rome"])
