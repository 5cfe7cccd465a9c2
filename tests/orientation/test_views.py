"""/orientation/ as a reader, a browser without JavaScript, htmx and a program see it."""

import re

import pytest

from tests.pages import text_of

URL = "/orientation/"
LOGISTICS = "Assistant(e) logistique internationale"
RELATIONS = "Chargé(e) de mission relations internationales"
STUDENT = "competence=chaine-logistique&competence=gestion-des-stocks"
FULL_PROFILE = (
    "competence=communication&competence=rigueur&contrainte=pression-temporelle"
    "&relations_humaines=3&qualite_de_vie=1&niveau=3&salaire_min=24000"
)


def ranked_titles(response) -> list[str]:
    page = response.content.decode()
    cards = re.findall(
        r'<li class="card fit">\s*<div class="fit-head">\s*<h3><a [^>]+>([^<]+)<', page
    )
    return [title.replace("&#x27;", "'") for title in cards]


def test_the_menu_and_the_home_page_lead_to_it(catalogue, client):
    home = client.get("/").content.decode()
    assert home.count(f'href="{URL}"') == 2  # the menu and the home page's invitation


def test_an_empty_profile_shows_how_to_start_and_the_formula(catalogue, client):
    response = client.get(URL)

    assert response.status_code == 200
    text = text_of(response)
    assert "Pour commencer" in text
    assert "Vos compétences : cherchez ce que vous savez faire" in text
    assert "Comment ce score est calculé" in text
    assert "Compétences (coefficient 4)" in text
    assert ranked_titles(response) == []
    assert '<meta name="robots" content="noindex">' not in response.content.decode()


def test_the_page_ranks_and_explains(catalogue, client):
    response = client.get(f"{URL}?{STUDENT}")

    assert response.status_code == 200
    assert ranked_titles(response) == [LOGISTICS]
    text = text_of(response)
    assert "1 métier classé" in text
    assert "87 / 100 : score d'adéquation" in text
    assert (
        "Compétences (coefficient 4) 87 / 100 — Ce métier utilise 2 de vos 2 compétences." in text
    )
    # (text_of puts a space wherever a tag was)
    assert (
        "Vos compétences qu'il utilise : Chaîne logistique (90/100) , Gestion des stocks (84/100)"
        in text
    )
    assert "À acquérir , les plus importantes d'abord : Commerce international (87/100) ," in text
    assert "Rigueur (soft skill) , Generix (outil) et 25 autres." in text
    assert "Certifications : au niveau de son premier diplôme" in text
    assert "Ajouter à la comparaison : Assistant(e) logistique internationale" in text
    page = response.content.decode()
    assert 'href="/metiers/assistante-logistique-internationale/"' in page
    assert '<meta name="robots" content="noindex">' in page
    # The ticked boxes come back ticked: the form is the profile.
    assert re.search(r'name="competence" value="chaine-logistique"[^>]* checked', page)


def test_the_whole_profile_and_its_explanation(catalogue, client):
    response = client.get(f"{URL}?{FULL_PROFILE}")

    assert ranked_titles(response) == [RELATIONS, LOGISTICS]
    text = text_of(response)
    assert "2 métiers classés" in text
    assert (
        "Votre profil : 2 compétences · 1 contrainte à éviter · Qualité de vie : un peu · "
        "Relations humaines : essentiel · niveau Bac +3 · au moins 24 000 € au départ." in text
    )
    assert "Contraintes que vous préférez éviter : Pression temporelle." in text
    assert (
        "Épanouissement : Qualité de vie 65 % (pour vous : un peu) · Relations humaines 83 %"
        in text
    )
    assert "Salaire de départ : 22 000 € – 26 000 € brut par an (votre minimum : 24 000 €)" in text
    assert "Accessible dès Bac +2 : votre niveau suffit." in text
    assert "La contrainte que vous voulez éviter s'y trouve." in text


def test_bad_input_is_dropped_and_named_never_an_error(catalogue, client):
    query = (
        f"{STUDENT}&competence=gestion-des-stocks&competence=nimporte-quoi"
        "&qualite_de_vie=9&niveau=abc&salaire_min=-5&page=abc"
        + "".join(f"&competence=x{n}" for n in range(500))
    )
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert ranked_titles(response) == [LOGISTICS]
    text = text_of(response)
    assert "Mes compétences : « gestion-des-stocks » en double, gardé une fois." in text
    assert "« nimporte-quoi »" in text
    assert "Qualité de vie : « 9 » n'est pas valable, ignoré." in text
    assert "Niveau d'études : « abc » n'est pas valable, ignoré." in text
    assert "Salaire de départ minimum (€ brut par an) : « -5 » n'est pas valable, ignoré." in text


def test_a_page_past_the_last_says_so_and_shows_the_first(catalogue, client):
    response = client.get(f"{URL}?{STUDENT}&page=9")

    assert response.status_code == 200
    assert "La page 9 n'existe pas : voici la première." in text_of(response)
    assert ranked_titles(response) == [LOGISTICS]


def test_without_javascript_the_form_is_a_plain_get_with_submit_buttons(catalogue, client):
    page = client.get(f"{URL}?{STUDENT}&chercher=stock").content.decode()

    assert re.search(r'<form id="profil"[^>]*method="get" action="/orientation/"', page)
    assert ">Mettre à jour les résultats</button>" in page
    assert page.count(">Chercher<span") == 2
    for name in ("chercher", "chercher_contrainte", "niveau", "salaire_min"):
        assert f'<label for="id_{name}">' in page
        assert f'id="id_{name}"' in page
    # The search lists matching items as checkboxes, the ticked ones first.
    text = text_of(client.get(f"{URL}?{STUDENT}&chercher=stock"))
    assert "Cochées Chaîne logistique (Hard skill) Gestion des stocks (Hard skill)" in text
    assert "<legend>Qualité de vie</legend>" in page
    assert 'id="qualite_de_vie-3"' in page


def test_htmx_gets_the_results_partial_and_the_profile_as_address(catalogue, client):
    full = client.get(f"{URL}?{STUDENT}&chercher=stock&qualite_de_vie=0")
    partial = client.get(
        f"{URL}?{STUDENT}&chercher=stock&qualite_de_vie=0", headers={"HX-Request": "true"}
    )

    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body
    assert 'id="profil"' not in body
    assert ranked_titles(partial) == [LOGISTICS]
    assert "HX-Request" in full["Vary"]
    assert "HX-Request" in partial["Vary"]
    assert partial["HX-Push-Url"] == f"{URL}?{STUDENT}"


def test_htmx_history_restore_gets_the_whole_page(catalogue, client):
    response = client.get(
        f"{URL}?{STUDENT}", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert 'id="profil"' in response.content.decode()


def test_the_search_box_refreshes_its_list_alone(catalogue, client):
    response = client.get(
        "/orientation/choix/?liste=competence&chercher=gestion&competence=gestion-des-stocks",
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    text = text_of(response)
    assert text.startswith("Cochées Gestion des stocks (Hard skill) Hard skills")
    assert "Gestion des fournisseurs" in text
    assert client.get("/orientation/choix/?liste=autre").status_code == 404


def test_the_constraints_of_the_site_are_all_listed(catalogue, client):
    text = text_of(client.get(URL))
    assert "Contraintes (16) Capacité d'adaptation Charge administrative" in text


@pytest.mark.parametrize(
    ("query", "queries"),
    [
        # profile items, the catalogue's version (the page's key), constraints listed,
        # ranking, explanation, certifications by ROME code and the first of each level
        (STUDENT, 7),
        (FULL_PROFILE, 7),
        # and each list's search: whether anything has every word, then the matches; words
        # typed in a search box make no page key, but a typo reads the titles' vocabulary,
        # kept per catalogue version (its version read once, then the words)
        (f"{FULL_PROFILE}&chercher=gestion&chercher_contrainte=travail", 11),
    ],
)
def test_query_count_is_fixed(catalogue, client, django_assert_num_queries, query, queries):
    with django_assert_num_queries(queries):
        assert client.get(f"{URL}?{query}").status_code == 200


def test_htmx_updates_skip_the_lists(catalogue, client, django_assert_num_queries):
    # profile items, ranking, explanation, certifications by ROME code, the catalogue's
    # version and the first certifications of each level (kept until the catalogue changes)
    with django_assert_num_queries(6):
        client.get(f"{URL}?{FULL_PROFILE}&chercher=x", headers={"HX-Request": "true"})
