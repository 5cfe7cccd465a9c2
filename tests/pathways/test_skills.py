import html

import pytest
from django.conf import settings
from django.urls import reverse

from skills.models import SkillKind
from tests.factories import (
    CareerFactory,
    CareerSkillFactory,
    ConstraintLinkFactory,
    HardSkillLinkFactory,
    SkillFactory,
    ToolGroupFactory,
    ToolLinkFactory,
)
from tests.pages import text_of

LIST_URL = reverse("skills:list")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_list_groups_the_vocabulary_by_kind_with_usage(client):
    CareerSkillFactory(skill=SkillFactory(name="Communication", kind=SkillKind.SOFT))
    CareerSkillFactory(skill__name="Communication", skill__kind=SkillKind.SOFT)
    HardSkillLinkFactory(skill__name="Chaîne logistique")
    ToolLinkFactory(skill__name="SAP")
    ConstraintLinkFactory(skill__name="Décalage horaire")
    SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    CareerSkillFactory(skill__name="Rigueur", career__is_published=False)

    response = client.get(LIST_URL)

    text = page_text(response)
    assert response.status_code == 200
    assert text.count("<h1") == 1
    headings = ["Soft skills", "Hard skills", "Outils", "Contraintes"]
    positions = [text.index(f'-title">{heading}') for heading in headings]
    assert positions == sorted(positions)
    assert 'Communication</a> <span class="muted">· 2 métiers' in text
    assert 'Rigueur</a> <span class="muted">· 0 métier<' in text
    assert text.index("Chaîne logistique") < text.index("SAP") < text.index("Décalage horaire")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["chaine", "CHAÎNE", "logistique"])
def test_list_filter_ignores_case_and_accents(client, query):
    SkillFactory(name="Chaîne logistique", kind=SkillKind.HARD)
    SkillFactory(name="Communication")

    response = client.get(LIST_URL, {"q": query})

    text = page_text(response)
    assert "Chaîne logistique" in text
    assert "Communication" not in text
    assert "1</strong> élément" in text


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["x" * 500, "<script>", "%00", ""])
def test_list_odd_queries_never_fail(client, query):
    response = client.get(LIST_URL, {"q": query})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_is_pinned(client, django_assert_num_queries, count):
    for _ in range(count):
        CareerSkillFactory()

    # The catalogue's version, the items, and the usage counts of the whole catalogue.
    with django_assert_num_queries(3):
        client.get(LIST_URL)
    # The counts are kept until the catalogue changes (core.cache).
    with django_assert_num_queries(2):
        client.get(LIST_URL)


@pytest.mark.django_db
def test_list_counts_follow_an_edit_at_once(client):
    link = CareerSkillFactory()
    assert "1 métier" in text_of(client.get(LIST_URL))
    CareerSkillFactory(skill=link.skill)
    assert "2 métiers" in text_of(client.get(LIST_URL))


@pytest.mark.django_db
def test_detail_of_a_soft_skill_shows_each_career_with_its_own_description(client):
    skill = SkillFactory(name="Communication")
    CareerSkillFactory(
        skill=skill,
        career__title="Assistant logistique",
        description="Échanger avec les transitaires.",
    )
    CareerSkillFactory(
        skill=skill, career__title="Chargé de mission", description="Animer un réseau."
    )
    CareerSkillFactory(skill=skill, career__title="Brouillon", career__is_published=False)

    response = client.get(skill.get_absolute_url())

    text = page_text(response)
    assert text.count("<h1") == 1
    assert "<h1>Communication</h1>" in text
    assert "Soft skill" in text
    assert text.index("Assistant logistique") < text.index("Échanger avec les transitaires.")
    assert text.index("Chargé de mission") < text.index("Animer un réseau.")
    assert "Brouillon" not in text
    assert reverse("careers:detail", kwargs={"slug": "assistant-logistique"}) in text


@pytest.mark.django_db
def test_detail_of_a_hard_skill_shows_score_and_keywords(client):
    link = HardSkillLinkFactory(score=90, keywords="Coordination, optimisation, flux...")

    text = page_text(client.get(link.skill.get_absolute_url()))

    assert "Score : 90" in text
    assert "Coordination, optimisation, flux..." in text


@pytest.mark.django_db
def test_detail_of_a_tool_shows_the_family_as_that_career_presents_it(client):
    career = CareerFactory()
    group = ToolGroupFactory(
        career=career, family__name="ERP", description="Ces outils suivent les stocks."
    )
    link = ToolLinkFactory(career=career, tool_group=group, skill__name="SAP")

    text = page_text(client.get(link.skill.get_absolute_url()))

    assert "Famille d'outils : <strong>ERP</strong>" in text
    assert "Ces outils suivent les stocks." in text


@pytest.mark.django_db
def test_detail_of_an_unused_item_says_so(client):
    skill = SkillFactory(name="Patience")

    text = page_text(client.get(skill.get_absolute_url()))

    assert "Aucune fiche métier publiée ne mentionne cet élément" in text


@pytest.mark.django_db
def test_detail_has_meta_description_and_canonical(client):
    skill = SkillFactory(name="Communication")

    content = client.get(skill.get_absolute_url()).content.decode()

    assert '<meta name="description" content="Communication (soft skill)' in content
    assert f'<link rel="canonical" href="{settings.SITE_URL}{skill.get_absolute_url()}">' in content


@pytest.mark.django_db
def test_unknown_slug_is_a_french_404(client):
    response = client.get(reverse("skills:detail", kwargs={"slug": "inconnue"}))

    assert response.status_code == 404
    assert "Page introuvable" in page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_detail_query_count_is_constant(client, django_assert_num_queries, count):
    skill = SkillFactory(kind=SkillKind.TOOL)
    for _ in range(count):
        ToolLinkFactory(skill=skill)

    with django_assert_num_queries(2):
        response = client.get(skill.get_absolute_url())

    assert len(response.context["uses"]) == count
