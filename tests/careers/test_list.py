"""The career list (/metiers/), as a reader sees it."""

import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import Career, Dimension
from skills.models import Skill, SkillKind
from tests import factories as f
from tests.pages import NBSP, NNBSP, text_of, without_tokens

LIST_URL = "/metiers/"


def titles_on(response) -> list[str]:
    return [
        html.unescape(title)
        for title in re.findall(
            r'<h3><a href="/metiers/[^"]+/">([^<]+)</a></h3>', response.content.decode()
        )
    ]


def career(title: str, **kwargs) -> Career:
    return f.CareerFactory(title=title, **kwargs)


# --- The list -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_card_shows_title_summary_salary_top_hard_skills_and_compare(client):
    sheet = career("Assistant logistique")
    f.SalaryBandFactory(career=sheet, position=0, min_eur=22000, max_eur=26000)
    f.SalaryBandFactory(career=sheet, position=1, min_eur=30000, max_eur=34000)
    for position, (name, score) in enumerate(
        [("Reporting", 80), ("Chaîne logistique", 90), ("Achats", 70), ("Commerce", 87)]
    ):
        skill = f.SkillFactory(name=name, kind=SkillKind.HARD)
        f.HardSkillLinkFactory(career=sheet, skill=skill, score=score, position=position)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="{sheet.get_absolute_url()}">Assistant logistique</a>' in page
    assert sheet.summary in page
    assert f"22{NNBSP}000{NBSP}€ – 26{NNBSP}000{NBSP}€ brut par an" in page
    text = text_of(response)
    assert "Chaîne logistique 90/100 Commerce 87/100 Reporting 80/100" in text
    assert "Achats 70/100" not in text
    assert "Ajouter à la comparaison" in text
    assert 'name="metier" value="assistant-logistique"' in page


@pytest.mark.django_db
def test_unpublished_careers_are_not_listed(client):
    career("Visible")
    career("Brouillon", is_published=False)
    assert titles_on(client.get(LIST_URL)) == ["Visible"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["logistique", "LOGISTIQUE", "Logistique", "epanouissement", "ÉPANOUISSEMENT"]
)
def test_search_ignores_case_and_accents(client, query):
    career("Assistant(e) logistique", search_text="assistant(e) logistique profil d'epanouissement")
    career("Comptable", search_text="comptable bilan")
    assert titles_on(client.get(LIST_URL, {"q": query})) == ["Assistant(e) logistique"]


@pytest.mark.django_db
def test_filter_by_each_kind_of_skill_and_combine_them(client):
    both, soft_only, neither = career("Alpha"), career("Bravo"), career("Charlie")
    rigueur = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    sap = f.SkillFactory(name="SAP", kind=SkillKind.TOOL)
    stock = f.SkillFactory(name="Gestion des stocks", kind=SkillKind.HARD)
    stress = f.SkillFactory(name="Pression temporelle", kind=SkillKind.CONSTRAINT)
    for sheet in (both, soft_only):
        f.CareerSkillFactory(career=sheet, skill=rigueur)
    f.ToolLinkFactory(career=both, skill=sap)
    f.HardSkillLinkFactory(career=both, skill=stock)
    f.ConstraintLinkFactory(career=both, skill=stress)
    f.CareerSkillFactory(career=neither)

    assert titles_on(client.get(LIST_URL, {"soft": "rigueur"})) == ["Alpha", "Bravo"]
    assert titles_on(client.get(LIST_URL, {"outil": "sap"})) == ["Alpha"]
    assert titles_on(client.get(LIST_URL, {"hard": "gestion-des-stocks"})) == ["Alpha"]
    assert titles_on(client.get(LIST_URL, {"contrainte": "pression-temporelle"})) == ["Alpha"]
    combined = client.get(f"{LIST_URL}?soft=rigueur&outil=sap&contrainte=pression-temporelle")
    assert titles_on(combined) == ["Alpha"]


@pytest.mark.django_db
def test_filter_by_education_level_name_or_bac_plus(client):
    bts, master = career("Alpha"), career("Bravo")
    f.EducationLevelFactory(career=bts, name="BTS", level_label="BAC +2")
    f.EducationLevelFactory(career=master, name="MASTERE", level_label="BAC +5")
    assert titles_on(client.get(LIST_URL, {"niveau": "BTS"})) == ["Alpha"]
    assert titles_on(client.get(LIST_URL, {"niveau": "mastere"})) == ["Bravo"]
    assert titles_on(client.get(LIST_URL, {"niveau": "bac+5"})) == ["Bravo"]
    assert titles_on(client.get(LIST_URL, {"niveau": "Bac +2"})) == ["Alpha"]


@pytest.mark.django_db
def test_filter_by_minimum_starting_salary_uses_the_first_band(client):
    low, high = career("Alpha"), career("Bravo")
    f.SalaryBandFactory(career=low, position=0, min_eur=22000, max_eur=26000)
    f.SalaryBandFactory(career=low, position=1, min_eur=40000, max_eur=45000)
    f.SalaryBandFactory(career=high, position=0, min_eur=30000, max_eur=35000)
    career("Sans salaire")
    assert titles_on(client.get(LIST_URL, {"salaire_min": "25000"})) == ["Bravo"]
    assert titles_on(client.get(LIST_URL, {"salaire_min": "22000"})) == ["Alpha", "Bravo"]


@pytest.mark.django_db
def test_filter_by_minimum_fulfilment_score(client):
    calm, busy = career("Alpha"), career("Bravo")
    f.FulfilmentScoreFactory(career=calm, dimension=Dimension.QUALITY_OF_LIFE, percent=80)
    f.FulfilmentScoreFactory(career=busy, dimension=Dimension.QUALITY_OF_LIFE, percent=50)
    f.FulfilmentScoreFactory(career=busy, dimension=Dimension.CAREER, percent=90)
    params = {"epanouissement": "qualite_de_vie", "score_min": "70"}
    assert titles_on(client.get(LIST_URL, params)) == ["Alpha"]
    params = {"epanouissement": "carriere", "score_min": "70"}
    assert titles_on(client.get(LIST_URL, params)) == ["Bravo"]


@pytest.mark.django_db
def test_sort_by_title_salary_or_dimension(client):
    a, b, c = career("Alpha"), career("Bravo"), career("Charlie")
    for sheet, salary, score in ((a, 30000, 40), (b, 25000, 90), (c, 35000, 60)):
        f.SalaryBandFactory(career=sheet, min_eur=salary, max_eur=salary + 4000)
        f.FulfilmentScoreFactory(career=sheet, dimension=Dimension.STIMULATION, percent=score)
    assert titles_on(client.get(LIST_URL)) == ["Alpha", "Bravo", "Charlie"]
    assert titles_on(client.get(LIST_URL, {"tri": "titre"})) == ["Alpha", "Bravo", "Charlie"]
    assert titles_on(client.get(LIST_URL, {"tri": "salaire"})) == ["Charlie", "Alpha", "Bravo"]
    assert titles_on(client.get(LIST_URL, {"tri": "stimulation"})) == ["Bravo", "Charlie", "Alpha"]


@pytest.mark.django_db
def test_pagination_twenty_per_page_with_rel_links(client):
    for number in range(25):
        career(f"Métier {number:02d}")

    first = client.get(LIST_URL)
    page = first.content.decode()
    assert len(titles_on(first)) == 20
    assert '<link rel="next" href="?page=2">' in page
    assert 'rel="next" href="?page=2">Page suivante' in page
    assert 'rel="prev"' not in page
    assert "25 métiers" in text_of(first)

    second = client.get(LIST_URL, {"page": "2", "tri": "titre"})
    page = second.content.decode()
    assert titles_on(second) == [f"Métier {number}" for number in range(20, 25)]
    assert '<link rel="prev" href="?page=1&amp;tri=titre">' in page
    assert 'rel="next"' not in page


@pytest.mark.django_db
def test_page_out_of_range_is_a_french_404(client):
    career("Alpha")
    response = client.get(LIST_URL, {"page": "3"})
    assert response.status_code == 404
    assert "Page introuvable" in text_of(response)


@pytest.mark.django_db
def test_page_that_is_not_a_number_shows_page_one(client):
    career("Alpha")
    response = client.get(LIST_URL, {"page": "abc"})
    assert response.status_code == 200
    assert titles_on(response) == ["Alpha"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "salaire_min=-1",
        "salaire_min=1e9",
        "salaire=-1",
        "soft=inconnue",
        "hard=../../etc",
        "niveau=%27%20OR%201%3D1",
        "epanouissement=bonheur&score_min=abc",
        "tri=%3Cscript%3E",
        "q=%25%25%25",
        "q=" + "é" * 500,
        "outil=a&outil=b&outil=c&outil=d&outil=e&outil=f&outil=g&outil=h&outil=i&outil=j&outil=k",
    ],
)
def test_nonsense_parameters_never_break_the_page(client, query):
    career("Alpha")
    response = client.get(f"{LIST_URL}?{query}")
    assert response.status_code == 200
    assert "Alpha" in titles_on(response)


@pytest.mark.django_db
def test_a_nul_character_gets_the_french_400_page(client):
    # PostgreSQL cannot hold NUL: core.middleware refuses it before any view runs.
    response = client.get(f"{LIST_URL}?soft=%00")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.text


@pytest.mark.django_db
def test_ignored_filter_is_reported(client):
    career("Alpha")
    text = text_of(client.get(LIST_URL, {"salaire_min": "beaucoup"}))
    assert "« beaucoup » n'est pas valable, ignoré" in text


@pytest.mark.django_db
def test_facets_count_the_current_results(client):
    a, b, c = career("Alpha"), career("Bravo"), career("Charlie")
    rigueur = f.SkillFactory(name="Rigueur", kind=SkillKind.SOFT)
    ecoute = f.SkillFactory(name="Écoute", kind=SkillKind.SOFT)
    excel = f.SkillFactory(name="Excel", kind=SkillKind.TOOL)
    draft = career("Brouillon", is_published=False)
    for sheet in (a, b, c, draft):
        f.CareerSkillFactory(career=sheet, skill=rigueur)
    f.CareerSkillFactory(career=a, skill=ecoute)
    f.CareerSkillFactory(career=draft, skill=f.SkillFactory(name="Diplomatie", kind="soft"))
    f.ToolLinkFactory(career=a, skill=excel)
    f.ToolLinkFactory(career=b, skill=excel)
    f.EducationLevelFactory(career=a, name="BTS", level_label="BAC +2")
    f.EducationLevelFactory(career=b, name="BTS", level_label="BAC +2")
    f.EducationLevelFactory(career=b, name="MASTERE", level_label="BAC +5")

    text = text_of(client.get(LIST_URL))
    assert "BTS (BAC +2) 2" in text
    assert "MASTERE (BAC +5) 1" in text
    assert "Rigueur 3" in text  # not the unpublished draft's
    assert "Diplomatie" not in text
    assert "Écoute 1" in text
    assert "Excel 2" in text

    text = text_of(client.get(LIST_URL, {"outil": "excel"}))
    assert "2 métiers" in text
    assert "Rigueur 2" in text
    assert "Excel 2" in text
    assert "MASTERE (BAC +5) 1" in text


@pytest.mark.django_db
def test_empty_state_offers_to_drop_each_filter(client):
    sheet = career("Alpha")
    f.SalaryBandFactory(career=sheet, min_eur=22000, max_eur=26000)
    f.CareerSkillFactory(career=sheet, skill=f.SkillFactory(name="Rigueur"))
    response = client.get(LIST_URL, {"q": "alpha", "soft": "rigueur", "salaire_min": "50000"})
    text = text_of(response)
    page = response.content.decode()
    assert "0 métier " in text
    assert "Aucun métier ne correspond à votre recherche." in text
    assert "Retirer le filtre Salaire de départ ≥ 50 000 €" in text
    assert 'href="?q=alpha&amp;soft=rigueur">Retirer' in page
    assert 'href="?soft=rigueur&amp;salaire_min=50000">Retirer' in page
    assert 'href="?q=alpha&amp;salaire_min=50000">Retirer' in page
    # The ticked item stays in the form, so the next change keeps it.
    assert 'name="soft" value="rigueur" id="soft-rigueur" checked' in page


@pytest.mark.django_db
def test_filter_form_is_labelled_and_works_with_and_without_htmx(client):
    page = client.get(LIST_URL).content.decode()
    form = re.search(r'<form id="filtres"[^>]*>', page, re.S)[0]
    assert 'method="get" action="/metiers/"' in form
    assert 'hx-get="/metiers/"' in form
    assert 'hx-target="#results"' in form
    assert 'hx-push-url="true"' in form
    assert "delay:" in form
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', page):
        if control_id.startswith(("id_", "niveau-", "soft-", "hard-", "outil-", "contrainte-")):
            assert f'for="{control_id}"' in page, control_id
    assert page.count("<h1>") == 1


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_partial(client):
    career("Alpha")
    full = client.get(LIST_URL)
    partial = client.get(LIST_URL, headers={"HX-Request": "true", "HX-Target": "results"})

    assert "HX-Request" in full["Vary"]
    assert "HX-Request" in partial["Vary"]
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body
    assert "<h1>" not in body
    assert 'id="filtres"' not in body
    assert "1 métier" in text_of(partial)
    assert titles_on(partial) == ["Alpha"]


@pytest.mark.django_db
def test_htmx_history_restore_gets_the_whole_page(client):
    career("Alpha")
    response = client.get(
        LIST_URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()


# --- Facet groups: the most frequent options, then "Afficher tout" ---------------------------


@pytest.fixture
def twelve_soft_skills():
    """Twelve soft skills: "Compétence 1" named by 1 career … "Compétence 12" by 12."""
    sheets = [career(f"Métier {n:02}") for n in range(12)]
    for number in range(1, 13):
        skill = f.SkillFactory(name=f"Compétence {number}", kind=SkillKind.SOFT)
        for sheet in sheets[:number]:
            f.CareerSkillFactory(career=sheet, skill=skill)


def soft_options(response) -> list[str]:
    return re.findall(r'name="soft" value="([^"]+)"', response.content.decode())


@pytest.mark.django_db
def test_a_facet_group_shows_its_most_frequent_options_and_links_to_the_rest(
    client, twelve_soft_skills
):
    response = client.get(LIST_URL)
    assert soft_options(response) == [f"competence-{n}" for n in range(12, 4, -1)]
    page = response.content.decode()
    assert '<a href="?tout=soft" hx-get="?tout=soft" hx-target="#facet-soft"' in page
    assert "Afficher tout (12)" in text_of(response)

    ticked = client.get(LIST_URL, {"soft": "competence-1"})
    assert 'href="?soft=competence-1&amp;tout=soft"' in ticked.content.decode()


@pytest.mark.django_db
def test_show_all_is_a_link_that_works_without_javascript(client, twelve_soft_skills):
    response = client.get(LIST_URL, {"tout": "soft"})
    assert len(soft_options(response)) == 12
    page = response.content.decode()
    assert "Afficher tout" not in text_of(response)
    # The form keeps the group whole when the reader ticks something next.
    assert '<input type="hidden" form="filtres" name="tout" value="soft">' in page
    assert "<html" in page


@pytest.mark.django_db
def test_htmx_swaps_in_the_group_alone(client, twelve_soft_skills):
    response = client.get(
        LIST_URL,
        {"tout": "soft"},
        headers={"HX-Request": "true", "HX-Target": "facet-soft"},
    )
    body = response.content.decode()
    assert body.strip().startswith('<details class="facet" id="facet-soft" open>')
    assert len(soft_options(response)) == 12
    assert "<h3>" not in body  # no career card
    assert "HX-Request" in response["Vary"]
    assert "HX-Target" in response["Vary"]


@pytest.mark.django_db
def test_an_unknown_group_to_show_whole_is_ignored_and_named(client, twelve_soft_skills):
    response = client.get(LIST_URL, {"tout": "tout"})
    assert response.status_code == 200
    assert len(soft_options(response)) == 8
    assert "« tout » n'est pas valable, ignoré" in text_of(response)


def build_listed_careers(count: int) -> None:
    rigueur = f.SkillFactory(name="Rigueur")
    for number in range(count):
        sheet = career(f"Métier {number}")
        f.SalaryBandFactory(career=sheet)
        f.HardSkillLinkFactory(career=sheet)
        f.HardSkillLinkFactory(career=sheet)
        f.CareerSkillFactory(career=sheet, skill=rigueur)
        f.EducationLevelFactory(career=sheet)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow_with_careers(client, django_assert_num_queries, count):
    build_listed_careers(count)
    # the versions of the catalogue and its parts (the page's key, its facets'), count,
    # page of careers, top hard skills, skill facets (the counts the database keeps, with
    # their items) and education facets
    with django_assert_num_queries(6):
        response = client.get(LIST_URL)
    assert response.status_code == 200
    # The page is kept whole until the catalogue changes: only its version is read.
    with django_assert_num_queries(1):
        again = client.get(LIST_URL)
    assert text_of(again) == text_of(response)


@pytest.mark.django_db
def test_a_sheets_text_edited_shows_at_once_and_the_facets_are_not_counted_again(
    client, django_assert_num_queries
):
    build_listed_careers(3)
    client.get(LIST_URL)
    edited = Career.objects.order_by("title").first()
    edited.summary = "Un résumé tout neuf."
    edited.save()
    # the versions of the catalogue and of its parts, count, page, top hard skills: the
    # facets count items, links and publication, which a text edit leaves alone
    with django_assert_num_queries(4):
        response = client.get(LIST_URL)
    assert "Un résumé tout neuf." in text_of(response)
    assert "Rigueur" in text_of(response)


@pytest.mark.django_db
def test_cached_facets_follow_an_edit_of_the_catalogue(client):
    build_listed_careers(3)
    client.get(LIST_URL)
    newcomer = career("Zeta")
    f.CareerSkillFactory(career=newcomer, skill=f.SkillFactory(name="Diplomatie"))

    newcomer.save()  # as the importer and the admin do: a new updated_at

    assert "Diplomatie" in client.get(LIST_URL).text


@pytest.mark.django_db
def test_a_renamed_item_shows_its_new_name_in_the_filtered_facets_at_once(client):
    build_listed_careers(3)
    assert "Rigueur" in text_of(client.get(LIST_URL, {"soft": "rigueur", "niveau": "BAC +3"}))
    item = Skill.objects.get(slug="rigueur")
    item.name = "Rigueur et méthode"
    item.save()

    page = text_of(client.get(LIST_URL, {"soft": "rigueur", "tri": "salaire"}))
    assert "Rigueur et méthode" in page
    item.career_links.all().delete()
    item.delete()  # an item gone is no facet, and its slug is no filter any more
    page = client.get(LIST_URL, {"soft": "rigueur", "tri": "titre"})
    assert "« rigueur » inconnu" in text_of(page)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 30])
def test_filtered_list_query_count_is_pinned(client, django_assert_num_queries, count):
    build_listed_careers(count)
    client.get(LIST_URL, {"soft": "rigueur"})  # reads the editorial vocabulary, once
    # versions, the ids of the careers found (they are the count), their page and its
    # cards' skills, the skill facets' counts (named from the vocabulary the process
    # keeps, as the ticked skills are checked) and the education facets
    with django_assert_num_queries(6):
        response = client.get(LIST_URL, {"soft": "rigueur", "tri": "salaire", "salaire_min": "1"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_filtered_list_finds_its_careers_once_then_reads_them_by_id(client):
    build_listed_careers(5)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"soft": "rigueur", "tri": "salaire", "salaire_min": "1"})

    assert response.context["page_obj"].paginator.count == 5
    filtered = [query["sql"] for query in queries if "rigueur" in query["sql"]]
    assert len(filtered) == 1, filtered  # the ids' query; the page and facets read those ids


@pytest.mark.django_db
def test_a_filtered_list_shows_the_same_whether_its_careers_are_pinned_or_not(client, monkeypatch):
    build_listed_careers(12)
    params = {"soft": "rigueur", "tri": "salaire", "salaire_min": "1"}
    pinned = client.get(LIST_URL, params)
    monkeypatch.setattr("careers.querysets.PINNED_MAX", 3)  # fewer than found: subqueries
    cache.clear()  # not the page the first request kept
    unpinned = client.get(LIST_URL, params)

    assert pinned.context["page_obj"].paginator.count > 3
    assert without_tokens(pinned.content.decode()) == without_tokens(unpinned.content.decode())
