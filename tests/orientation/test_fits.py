"""The result parts built in Python (orientation/templatetags/fits.py): escaped, in French."""

from types import SimpleNamespace

from django.template import Context, RequestContext, Template

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


def test_a_result_card_escapes_and_says_only_what_the_fit_has(rf):
    career = SimpleNamespace(
        title="R&D <labo>", slug="r-d", get_absolute_url=lambda: "/metiers/r-d/"
    )
    certification = SimpleNamespace(title="Titre <RNCP>", get_absolute_url=lambda: "/c/t/")
    fit = SimpleNamespace(
        career=career,
        score=72,
        criteria=[],
        used=[SkillUse("excel", "Excel", "tool", 50, None)],
        to_acquire=[SkillUse("douane", "Douane", "hard", 70, 70)],
        to_acquire_more=2,
        avoided_present=[],
        not_compared=[],
        weighted_fulfilment=[
            SimpleNamespace(label="Carrière", percent=None, weight_label="Essentiel")
        ],
        starting_salary=(22000, 26000),
        certifications=SimpleNamespace(by_rome=[certification], at_level=[], level=None),
    )
    request = rf.get("/orientation/")
    html = Template("{% load fits %}{% fit_card fit profile %}").render(
        RequestContext(request, {"fit": fit, "profile": SimpleNamespace(min_salary=None)})
    )

    assert '<a href="/metiers/r-d/">R&amp;D &lt;labo&gt;</a>' in html
    assert 'Douane <span class="muted">(70/100)</span> et 2 autres.' in html
    assert "Contraintes que vous" not in html and "Non comparés" not in html
    assert 'Carrière non renseigné <span class="muted">(pour vous : essentiel)</span>' in html
    assert "22\u202f000\xa0€ – 26\u202f000\xa0€ brut par an</p>" in html
    assert "votre minimum" not in html
    assert 'qui mènent à ce métier : <a href="/c/t/">Titre &lt;RNCP&gt;</a>\n' in html
    assert 'name="metier" value="r-d"' in html


def test_choice_items_tick_and_name_the_kind_of_what_is_ticked():
    items = [SimpleNamespace(slug="r-d", name="R&D <labo>", kind_label="Hard skill")]
    ticked = render("{% choice_items 'competence' items ticked=True %}", items=items)
    offered = render("{% choice_items 'competence' items %}", items=items)

    assert ticked == (
        '<li><input type="checkbox" name="competence" value="r-d" id="competence-r-d" checked>'
        ' <label for="competence-r-d">R&amp;D &lt;labo&gt; <span class="muted">(Hard skill)'
        "</span></label></li>"
    )
    assert offered == (
        '<li><input type="checkbox" name="competence" value="r-d" id="competence-r-d">'
        ' <label for="competence-r-d">R&amp;D &lt;labo&gt;</label></li>'
    )
