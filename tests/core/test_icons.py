"""`{% icon %}`: one inline SVG per section family, a briefcase for any other."""

from django.template import Context, Template

from core.templatetags.icons import PATHS


def render(name: str) -> str:
    return Template("{% load icons %}{% icon name %}").render(Context({"name": name}))


def test_each_family_draws_its_own_path_decoratively():
    html = render("salaire")
    assert f'<path d="{PATHS["salaire"]}"/>' in html
    assert 'aria-hidden="true" focusable="false"' in html


def test_another_name_draws_the_briefcase():
    assert render("metier") == render("inconnu")
    assert all(path not in render("metier") for path in PATHS.values())
