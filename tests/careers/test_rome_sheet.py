"""A ROME fiche as a reader finds it: its page, its twins, in search, beside the certifications."""

import csv
import io
import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from careers.loading import load_sheet_rows
from careers.models import Career
from careers.querysets import sheet_prefetches
from tests.careers.rome_support import UTF8_FILE
from tests.careers.rows_support import as_read
from tests.pages import text_of, text_of_html, without_tokens

pytestmark = pytest.mark.django_db

N1303 = "/metiers/intervention-technique-dexploitation-logistique/"
N1302 = "/metiers/direction-de-site-logistique/"
PROVENANCE = (
    "Source : France Travail, ROME 4.0, fiches emploi-métier (version 460), Licence Ouverte 2.0"
)


@pytest.fixture
def rome(db):
    call_command("import_rome", str(UTF8_FILE), stdout=io.StringIO())


@pytest.fixture
def rome_and_seeds(catalogue):
    call_command("import_rome", str(UTF8_FILE), stdout=io.StringIO())


def section(page: str, anchor: str) -> str:
    found = re.search(rf'<section id="{anchor}".*?</section>', page, re.S)
    assert found, f"no section #{anchor}"
    return text_of_html(found[0])


def test_the_page_says_what_the_fiche_says_in_its_order(client, rome):
    response = client.get(N1303)
    page = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    assert "Intervention technique d'exploitation logistique" in text
    assert "Code ROME : N1303" in text
    assert "Organise et contrôle les opérations de réception" in text
    assert "à partir de 2 100 € brut par mois" in section(page, "acces")
    assert section(page, "appellations") == (
        "Appellations Chef / Cheffe de quai Responsable d'exploitation en logistique "
        "Gestionnaire de flux logistiques (œuvrant en entrepôt)"
    )
    savoir_faire = section(page, "savoir-faire")
    assert (
        "Organisation de l'activité Planifier l'activité du quai et répartir les tâches "
        "Compétence clé Contrôler la conformité des livraisons (quantité, qualité, délais) "
        "Data et Nouvelles technologies Utiliser un système de gestion d'entrepôt (WMS) "
        "Compétence émergente"
    ) in savoir_faire
    assert "Faire preuve de réactivité Travailler en équipe" in section(page, "savoir-etre")
    assert (
        "Domaines d'expertise Logistique Règles de sécurité des biens et des personnes "
        "Normes et procédés Cariste (CACES R489)"
    ) in section(page, "savoirs")
    assert (
        "Horaires et durée du travail Travail en horaires décalés Travail le week-end "
        "Conditions de travail et risques professionnels Port de charges lourdes"
    ) in section(page, "contextes")
    assert "Transport et logistique (secteur principal) Grande distribution" in text
    # What a ROME fiche does not hold is not on its page.
    for absent in ("Salaire", "Épanouissement", "Questions fréquentes", "Missions"):
        assert absent not in text.replace("Salaire d'entrée", "")


def test_mobilities_lead_from_this_job_to_the_targets_in_order(client, rome):
    page = client.get(N1303).content.decode()
    mobilities = re.search(r'<ol class="mobility-list">.*?</ol>', page, re.S)[0]

    assert "depuis ce métier" in section(page, "evolutions")
    links = re.findall(r'<a (?:class="[^"]+" )?href="([^"]+)">', mobilities)
    assert links == [N1302, N1303 + "vers/direction-de-site-logistique/"]
    # H1302 is not in this export: its name, no link that would answer 404.
    assert text_of_html(mobilities) == (
        "→ Direction de site logistique (N1302) · Passer de ce métier à celui-ci : Direction "
        "de site logistique → Management et ingénierie Hygiène Sécurité Environnement -HSE- "
        "industriels (H1302)"
    )


def test_provenance_and_import_date_are_on_the_page_and_in_its_twins(client, rome):
    text = text_of(client.get(N1303))
    assert PROVENANCE in text
    assert re.search(r"importée le \d{1,2} \w+ 20\d\d", text)

    for url in (N1303.rstrip("/") + ".json", "/api/v1" + N1303):
        data = json.loads(client.get(url).content)
        assert [code["code"] for code in data["rome_codes"]] == ["N1303"]
        assert data["source"]["publisher"] == "France Travail"
        assert data["source"]["version"] == "460"
        appellations = next(s for s in data["sections"] if s["kind"] == "appellations")
        assert appellations["items"][0] == {
            "label": "Chef / Cheffe de quai",
            "short_label": "Chef / Cheffe de quai",
            "code_ogr": "11685",
        }


def test_rome_fiches_are_listed_and_filtered_like_the_others(client, rome_and_seeds):
    text = text_of(client.get("/metiers/"))
    assert "Direction de site logistique" in text
    assert "Assistant(e) logistique internationale" in text

    text = text_of(client.get("/metiers/", {"q": "stratégie commerciale"}))
    assert "Stratégie commerciale" in text
    assert "Direction de site logistique" not in text


def test_an_appellation_finds_its_fiche_first(client, rome_and_seeds):
    text = text_of(client.get("/metiers/", {"q": "cheffe de quai"}))
    first = text.index("Intervention technique d'exploitation logistique")
    assert "Appellation : Chef / Cheffe de quai" in text[first:]

    found = Career.objects.published().search("cheffe de quai")
    assert found[0].source_key == "rome:N1303"
    assert found[0].search_aliases[0].label == "Chef / Cheffe de quai"


@pytest.mark.parametrize("query", ["cheffe de quai", "logistique", "chef"])
def test_a_searched_list_shows_the_same_whether_its_careers_are_pinned_or_not(
    client, rome_and_seeds, monkeypatch, query
):
    pinned = client.get("/metiers/", {"q": query})
    monkeypatch.setattr("careers.querysets.PINNED_MAX", 0)  # the search's own subqueries
    cache.clear()  # not the page the first request kept
    unpinned = client.get("/metiers/", {"q": query})

    assert pinned.context["page_obj"].paginator.count > 0
    assert without_tokens(pinned.content.decode()) == without_tokens(unpinned.content.decode())


def test_the_suggestion_box_shows_the_appellation_and_its_fiche(client, rome_and_seeds):
    page = client.get("/recherche/suggestions/", {"q": "cheffe de quai"}).content.decode()
    first = re.search(r"<li>(.*?)</li>", page, re.S)[1]

    assert f'<a href="{N1303}">Chef / Cheffe de quai</a>' in first
    assert "fiche Intervention technique d&#x27;exploitation logistique" in first


def test_a_rome_skill_page_lists_every_career_using_it(client, rome):
    logistics = Career.objects.get(source_key="rome:N1303").skill_links.get(
        skill__code_ogr="121046"
    )
    text = text_of(client.get(logistics.skill.get_absolute_url()))

    assert "Intervention technique d'exploitation logistique" in text
    assert "Direction de site logistique" in text
    assert "Savoir" in text


def test_careers_and_certifications_meet_by_rome_code(client, rome_and_seeds):
    rncp = text_of(
        client.get("/certifications/rncp-14528-manager-operations-logistiques-internationales/")
    )
    for title in (
        "Intervention technique d'exploitation logistique",
        "Direction de site logistique",
        "Stratégie commerciale",
    ):
        assert title in rncp
    tp = text_of(client.get("/certifications/tp-00523-assistant-import-export/"))
    assert "Assistanat commercial" in tp

    sheet = text_of(client.get(N1302))
    by_rome = sheet.index("elles citent son code ROME")
    assert "Manager des opérations logistiques internationales" in sheet[by_rome:]


def test_the_open_data_page_lists_each_source_with_its_version(client, rome_and_seeds):
    text = text_of(client.get("/donnees-ouvertes/"))

    # (text_of puts a space where a link ends)
    assert (
        "France Travail, ROME 4.0, fiches emploi-métier , version 460 — Licence Ouverte 2.0 , "
        "importée le"
    ) in text
    assert "4 fiches métiers" in text


@pytest.mark.parametrize("url", [N1303, N1303.rstrip("/") + ".json", "/api/v1" + N1303])
def test_a_rome_fiche_costs_as_many_queries_as_any_sheet(
    client, rome, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        assert client.get(url).status_code == 200


def test_the_catalogue_csv_names_the_source_of_each_fiche(client, rome_and_seeds):
    response = client.get("/donnees-ouvertes/metiers.csv")
    rows = list(
        csv.DictReader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"
        )
    )

    by_slug = {row["slug"]: row for row in rows}
    fiche = by_slug["intervention-technique-dexploitation-logistique"]
    assert fiche["source"] == "France Travail, ROME 4.0, fiches emploi-métier (version 460)"
    assert fiche["rome_codes"] == "N1303"
    assert fiche["appellations"].startswith("Chef / Cheffe de quai | ")
    assert by_slug["assistante-logistique-internationale"]["source"] == ""


COMPARED = "/comparer/?metiers=" + ",".join(url.split("/")[2] for url in (N1303, N1302))


def test_two_rome_fiches_compare_on_their_vocabularies(client, rome):
    response = client.get(COMPARED)
    page = response.content.decode()
    text = text_of(response)

    assert response.status_code == 200
    summary = re.search(r'<section class="compare-summary".*?</section>', page, re.S)[0]
    assert text_of_html(summary) == (
        "En résumé 1 savoir-faire en commun 0 savoir-être en commun 1 savoir en commun "
        "0 contexte de travail en commun"
    )
    # What they share is open, the key skill tagged; the rest one tap away, by career.
    assert (
        "Planifier l'activité du quai et répartir les tâches En commun ✓ oui Compétence clé ✓ oui"
    ) in text
    assert "Voir les 4 savoir-faire propres à un seul métier" in text
    assert "Aucun savoir-être n'est nommé par plus d'un de ces métiers." in text
    assert "Logistique En commun ✓ oui ✓ oui" in text
    assert "Port de charges lourdes ✓ oui — non" in text
    # Nothing the fiches do not hold: no editorial vocabulary, no diploma, no salary.
    for absent in ("soft skill", "hard skill", "outil", "Formations, expérience", "Salaires"):
        assert absent not in text


def test_the_comparison_csv_carries_the_rome_vocabularies(client, rome):
    response = client.get(COMPARED.replace("/comparer/", "/comparer/export.csv"))
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))

    planning = "Planifier l'activité du quai et répartir les tâches"
    assert ["Savoir-faire", planning, "oui (compétence clé)", "oui"] in rows
    assert ["Contextes de travail", "Entreprise de transport et logistique", "", "oui"] in rows


def test_the_page_loads_the_kinds_a_sheet_has_and_the_same_rows_as_loading_all(
    rome_and_seeds,
):
    """`load_sheet_rows` skips the kinds a career lacks (no query) and finds the same rows
    as `with_sheet()`, for the ROME fiches and the editorial sheets alike."""
    prefetches = sheet_prefetches()
    for full in Career.objects.with_sheet():
        light = Career.objects.for_sheet_page().get(pk=full.pk)
        load_sheet_rows(light)
        kinds_held = 0
        for prefetch in prefetches:
            rows = getattr(full, prefetch.prefetch_to)
            loaded = getattr(light, prefetch.prefetch_to)
            assert [as_read(row) for row in loaded] == [as_read(row) for row in rows], prefetch
            assert all(row.career is light for row in loaded)
            kinds_held += bool(rows)
        assert 0 < kinds_held < len(prefetches), full
