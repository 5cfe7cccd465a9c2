import html

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from careers.models import Career, CareerSkill
from careers.rows import remove_rows, write_rows
from careers.sections import TABLES
from core import cache
from skills.models import Skill, SkillKind
from tests.factories import (
    CareerFactory,
    CareerSkillFactory,
    CertificationFactory,
    ConstraintLinkFactory,
    HardSkillLinkFactory,
    MissionBlockFactory,
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

    # The catalogue's version, each kind's total, and the items shown with the counts the
    # database keeps (careers.usage), ranked within their kind.
    with django_assert_num_queries(3):
        client.get(LIST_URL)
    # The page is kept until the catalogue changes (core.cache): only its version is read.
    with django_assert_num_queries(1):
        client.get(LIST_URL)


@pytest.mark.django_db
def test_rome_kinds_show_their_most_cited_items_and_link_to_their_pages(client, monkeypatch):
    monkeypatch.setattr("pathways.skills.OVERVIEW_MAX", 3)
    for number in range(5):
        skill = SkillFactory(name=f"Savoir-faire {number}", kind=SkillKind.SAVOIR_FAIRE)
        for _ in range(number):
            CareerSkillFactory(skill=skill)
    SkillFactory(name="Travailler en équipe", kind=SkillKind.SAVOIR_ETRE)

    text = text_of(client.get(LIST_URL))

    assert "7 éléments" not in text and "6 éléments." in text
    assert "Savoir-faire (ROME) (5) Les 3 plus cités :" in text
    assert "Savoir-faire 4 · 4 métiers Savoir-faire 3 · 3 métiers Savoir-faire 2" in text
    assert "Savoir-faire 1 " not in text
    assert "Voir les 5 éléments « Savoir-faire (ROME) »" in text
    assert "Savoir-être professionnels (ROME) (1) Travailler en équipe · 0 métier" in text
    assert "Savoirs (ROME)" not in text  # none at all: no empty heading


@pytest.mark.django_db
def test_a_kind_has_its_own_pages_by_name(client, monkeypatch):
    monkeypatch.setattr("pathways.skills.PER_PAGE", 2)
    for name in ("Déclarer", "Conduire", "Animer", "Baliser", "Équiper"):
        SkillFactory(name=name, kind=SkillKind.SAVOIR_FAIRE)
    SkillFactory(name="Anglais", kind=SkillKind.HARD)

    first = text_of(client.get(LIST_URL, {"type": "savoir_faire"}))
    last = text_of(client.get(LIST_URL, {"type": "savoir_faire", "page": 3}))
    filtered = text_of(client.get(LIST_URL, {"type": "savoir_faire", "q": "baliser"}))

    assert "Savoir-faire (ROME)" in first and "5 éléments." in first
    assert "Animer · 0 métier Baliser · 0 métier Page 1 sur 3" in first
    assert "Anglais" not in first
    assert "Équiper" in last and "Page 3 sur 3" in last
    assert "1 élément pour « baliser »" in filtered


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{"type": "inconnu"}, {"type": "hard", "page": 9}, {"type": "hard", "page": "x"}]
)
def test_an_unknown_kind_or_page_is_a_404(client, params):
    SkillFactory(kind=SkillKind.HARD)
    assert client.get(LIST_URL, params).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_a_kind_page_query_count_is_pinned(client, django_assert_num_queries, count):
    for _ in range(count):
        CareerSkillFactory(skill__kind=SkillKind.SAVOIR_FAIRE)
    client.get(LIST_URL)  # the usage counts cached
    # The catalogue's version, the page's count, the page.
    with django_assert_num_queries(3):
        client.get(LIST_URL, {"type": "savoir_faire"})


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

    # The catalogue's version (the page's key), the item, how many uses, the page of them.
    with django_assert_num_queries(4):
        response = client.get(skill.get_absolute_url())

    assert response.context["page_obj"].paginator.count == count


@pytest.mark.django_db
def test_detail_lists_the_careers_fifty_at_a_time(client):
    skill = SkillFactory(name="Communication")
    for number in range(53):
        CareerSkillFactory(skill=skill, career__title=f"Métier {number:02d}")

    first = text_of(client.get(skill.get_absolute_url()))
    assert "Métiers qui en ont besoin (53)" in first
    assert "Métier 49" in first and "Métier 50" not in first
    assert "Page 1 sur 2" in first

    second = client.get(skill.get_absolute_url(), {"page": 2})
    assert "Métier 50" in text_of(second) and "Métier 49" not in text_of(second)
    assert f'href="{settings.SITE_URL}{skill.get_absolute_url()}?page=2"' in (
        second.content.decode()
    )
    for page in ("3", "0", "deux"):
        assert client.get(skill.get_absolute_url(), {"page": page}).status_code == 404


# --- The list outlives edits that change neither items nor counts (core.cache.VOCABULARY) ---


@pytest.mark.django_db
def test_list_outlives_an_edit_of_a_sheets_text_or_a_certification(
    client, django_assert_num_queries
):
    link = CareerSkillFactory(skill__name="Rigueur")
    client.get(LIST_URL)
    career = Career.objects.get(pk=link.career_id)  # loaded as the admin loads it
    career.summary = "Un résumé réécrit."
    career.save()
    MissionBlockFactory(career=career)
    CertificationFactory()

    with django_assert_num_queries(1):  # the vocabulary's version: the page is kept
        assert "1 métier" in text_of(client.get(LIST_URL))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "edit",
    [
        "unpublish",
        "unpublish_by_update",
        "link_added",
        "link_removed",
        "career_deleted",
        "skill_renamed",
        "rows_removed",
    ],
)
def test_list_follows_every_edit_of_items_links_or_publication(client, edit):
    link = CareerSkillFactory(skill__name="Rigueur")
    other = CareerSkillFactory(skill=link.skill)
    assert "Rigueur · 2 métiers" in text_of(client.get(LIST_URL))
    career = Career.objects.get(pk=other.career_id)

    if edit == "unpublish":
        career.is_published = False
        career.save()
    elif edit == "unpublish_by_update":
        Career.objects.filter(pk=career.pk).update(is_published=False)
        cache.bump()  # as every bulk writer does
    elif edit == "link_added":
        CareerSkillFactory(skill=link.skill)
    elif edit == "link_removed":
        CareerSkill.objects.get(pk=other.pk).delete()
    elif edit == "career_deleted":
        career.delete()
    elif edit == "skill_renamed":
        skill = Skill.objects.get(pk=link.skill_id)
        skill.name = "Rigueur et méthode"
        skill.save()
    elif edit == "rows_removed":
        with transaction.atomic():
            career.summary = "Rechargée."
            career.save()
            remove_rows([career.pk])

    expected = {
        "link_added": "Rigueur · 3 métiers",
        "skill_renamed": "Rigueur et méthode · 2 métiers",
    }.get(edit, "Rigueur · 1 métier")
    assert expected in text_of(client.get(LIST_URL))


@pytest.mark.django_db
def test_a_reload_that_writes_links_moves_the_vocabulary_on():
    before = cache.catalogue_version(cache.VOCABULARY)
    career = CareerFactory()
    write_rows([(career.pk, {table: [] for table in TABLES})])
    assert cache.catalogue_version(cache.VOCABULARY) > before
