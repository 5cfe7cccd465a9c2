"""The result parts built in Python (orientation/templatetags/fits.py): escaped, in French."""

from django.template import Context, Template

from orientation.explanation import Criterion, SkillUse


def render(source: str, **context) -> str:
    return Template("{% load fits %}" + source).render(Context(context))


def test_criteria_say_their_points_or_that_they_do_not_count():
    criteria = [
        Criterion("skills", "Compétences", 4, 80, "2 de vos 3 compétences <b>"),
        Criterion("salary", "Salaire de départ", 1, None, "la fiche n'en donne pas"),
    ]
    html = render("{% fit_criteria criteria %}", criteria=criteria)
    assert (
        '<div class="fit-criterion"><dt>Compétences <span class="muted">(coefficient 4)</span>'
        "</dt><dd><strong>80 / 100</strong> — 2 de vos 3 compétences &lt;b&gt;</dd></div>"
    ) in html
    assert "<dd><strong>non compté</strong> — la fiche n&#x27;en donne pas</dd>" in html


def test_skill_uses_give_a_score_or_the_kind_in_lower_case():
    uses = [
        SkillUse("douane", "Douane & transit", "hard", 70, 70),
        SkillUse("excel", "Excel", "tool", 50, None),
    ]
    html = render("{% skill_uses uses %}", uses=uses)
    assert html == (
        'Douane &amp; transit <span class="muted">(70/100)</span>, '
        'Excel <span class="muted">(outil)</span>'
    )
