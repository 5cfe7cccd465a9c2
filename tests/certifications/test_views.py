"""The certification list (/certifications/), as a reader sees it."""

import html
from pathlib import Path

import pytest
from django.urls import reverse

from careers.models import Career
from certifications.models import Certification, CertificationKind
from core import cache
from tests.factories import (
    CareerFactory,
    CertificationFactory,
    CertificationRomeFactory,
    ComponentFactory,
    NsfCodeFactory,
    RomeCodeFactory,
)

LIST_URL = reverse("certifications:list")
FIXTURES = sorted(
    (Path(__file__).resolve().parents[2] / "fixtures" / "certifications").glob("*.json")
)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def titles_on(response) -> list[str]:
    return [certification.title for certification in response.context["page"].object_list]


def certification_with_codes(**kwargs) -> Certification:
    certification = CertificationFactory(**kwargs)
    certification.nsf_codes.add(NsfCodeFactory())
    CertificationRomeFactory(certification=certification)
    return certification


# --- /certifications/ --------------------------------------------------------


@pytest.mark.django_db
def test_list_shows_cards_with_kind_code_title_level_and_body(client):
    certification = CertificationFactory(
        kind=CertificationKind.TP,
        code="TP-00523",
        title="Assistant import-export",
        level=5,
        certifying_body="Ministère chargé de l'emploi",
    )
    CertificationFactory(title="Brouillon", is_published=False)

    response = client.get(LIST_URL)

    text = page_text(response)
    assert response.status_code == 200
    assert text.count("<h1") == 1
    assert "Titre professionnel" in text
    assert "TP-00523" in text
    assert certification.get_absolute_url() in text
    assert "Assistant import-export" in text
    assert "5 (cadre européen)" in text
    assert "Ministère chargé de l'emploi" in text
    assert "Brouillon" not in text
    assert "1</strong> certification." in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["opérations", "OPERATIONS", "operations logistiques", "Logistiques", "14528"]
)
def test_search_ignores_case_and_accents(client, query):
    CertificationFactory(code="RNCP 14528", title="Manager des opérations logistiques")
    CertificationFactory(code="TP-00523", title="Assistant import-export")

    response = client.get(LIST_URL, {"q": query})

    assert titles_on(response) == ["Manager des opérations logistiques"]


@pytest.mark.django_db
def test_filter_by_kind(client):
    CertificationFactory(kind=CertificationKind.RNCP, title="Titre RNCP A")
    CertificationFactory(kind=CertificationKind.TP, title="Titre pro B")

    response = client.get(LIST_URL, {"type": "tp"})

    assert titles_on(response) == ["Titre pro B"]


@pytest.mark.django_db
def test_filter_by_level(client):
    CertificationFactory(level=7, title="Niveau sept")
    CertificationFactory(level=5, title="Niveau cinq")

    response = client.get(LIST_URL, {"niveau": "5"})

    assert titles_on(response) == ["Niveau cinq"]


@pytest.mark.django_db
def test_filter_by_nsf_code(client):
    wanted = CertificationFactory(title="Avec 311")
    wanted.nsf_codes.add(NsfCodeFactory(code="311"))
    other = CertificationFactory(title="Avec 312 m")
    other.nsf_codes.add(NsfCodeFactory(code="312 m"))

    response = client.get(LIST_URL, {"nsf": "312 m"})

    assert titles_on(response) == ["Avec 312 m"]


@pytest.mark.django_db
def test_filter_by_rome_code(client):
    CertificationRomeFactory(
        certification__title="Logistique", rome_code=RomeCodeFactory(code="N1303")
    )
    CertificationRomeFactory(certification__title="Achats", rome_code=RomeCodeFactory(code="M1101"))

    response = client.get(LIST_URL, {"rome": "M1101"})

    assert titles_on(response) == ["Achats"]


@pytest.mark.django_db
def test_filters_combine(client):
    CertificationFactory(kind=CertificationKind.RNCP, level=7, title="Manager logistique")
    CertificationFactory(kind=CertificationKind.RNCP, level=6, title="Responsable logistique")
    CertificationFactory(kind=CertificationKind.TP, level=7, title="Autre logistique")

    response = client.get(LIST_URL, {"q": "logistique", "type": "rncp", "niveau": "7"})

    assert titles_on(response) == ["Manager logistique"]


@pytest.mark.django_db
def test_facet_counts_per_kind_and_level_leave_out_their_own_filter(client):
    CertificationFactory.create_batch(2, kind=CertificationKind.RNCP, level=7)
    CertificationFactory(kind=CertificationKind.TP, level=5)

    response = client.get(LIST_URL, {"type": "tp"})

    assert dict((k, n) for k, _, n in response.context["kind_facets"]) == {
        "rncp": 2,
        "tp": 1,
        "erasmus": 0,
    }
    # Levels count within the chosen kind.
    assert response.context["level_facets"] == [(5, 1)]
    text = page_text(response)
    assert "Titre RNCP</a> (2)" in text
    assert "Niveau 5</a> (1)" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"type": "bts"},
        {"niveau": "12"},
        {"niveau": "abc"},
        {"nsf": "<script>"},
        {"rome": "'; DROP TABLE"},
        {"page": "abc"},
        {"page": "0"},
        {"inconnu": "1"},
    ],
)
def test_bad_parameters_are_ignored_with_a_notice_never_a_500(client, params):
    CertificationFactory(title="Toujours visible")

    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert titles_on(response) == ["Toujours visible"]
    # As on the career list: a value named and dropped; a page that is no number is the first.
    if "inconnu" not in params and "page" not in params:
        [value] = params.values()
        assert f"« {value} » n'est pas valable, ignoré." in page_text(response)


@pytest.mark.django_db
def test_pagination_twenty_per_page_with_rel_links(client):
    for number in range(25):
        CertificationFactory(title=f"Certification {number:02d}")

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": "2"})
    beyond = client.get(LIST_URL, {"page": "99"})

    assert len(titles_on(first)) == 20
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    assert titles_on(second) == [f"Certification {n}" for n in range(20, 25)]
    assert 'rel="prev" href="?page=1"' in second.content.decode()
    assert "25</strong> certifications" in page_text(second)
    # A page past the last is a 404, as on the career list.
    assert beyond.status_code == 404


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    for number in range(21):
        CertificationFactory(title=f"Logistique {number:02d}", level=7)

    response = client.get(LIST_URL, {"q": "logistique", "niveau": "7"})

    assert 'rel="next" href="?q=logistique&amp;niveau=7&amp;page=2"' in response.content.decode()


@pytest.mark.django_db
def test_empty_state_says_what_to_loosen(client):
    CertificationFactory(kind=CertificationKind.RNCP)

    response = client.get(LIST_URL, {"q": "boulangerie", "type": "rncp"})

    text = page_text(response)
    assert "Aucune certification ne correspond" in text
    assert "retirer la recherche « boulangerie »" in text
    assert 'href="?q=boulangerie"' in response.content.decode()  # the kind filter removed


@pytest.mark.django_db
def test_full_page_has_the_htmx_form_and_varies_on_hx_request(client):
    CertificationFactory()

    response = client.get(LIST_URL)

    content = response.content.decode()
    assert "<html" in content
    assert 'hx-get="/certifications/"' in content
    assert 'hx-target="#results"' in content
    assert 'hx-push-url="true"' in content
    assert 'action="/certifications/"' in content
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_partial(client):
    CertificationFactory(title="Manager des opérations")

    response = client.get(LIST_URL, {"q": "operations"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<html" not in content
    assert "<form" not in content
    assert "Manager des opérations" in content
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_htmx_history_restore_gets_the_full_page(client):
    response = client.get(
        LIST_URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_is_pinned(client, django_assert_num_queries, count):
    for _ in range(count):
        certification_with_codes()

    # The catalogue's version (the key of the page and of the form's choices), NSF choices,
    # ROME choices, kind facets, level facets, count, page, NSF, ROME.
    with django_assert_num_queries(9):
        response = client.get(LIST_URL, {"niveau": "7"})

    assert len(titles_on(response)) == count


# --- The list outlives an edit of a job sheet (core.cache.CERTIFICATIONS) ---------------------


@pytest.mark.django_db
def test_list_outlives_an_edit_of_a_job_sheet(client, django_assert_num_queries):
    CertificationFactory(title="Manager logistique")
    sheet = Career.objects.get(pk=CareerFactory().pk)
    client.get(LIST_URL)
    sheet.summary = "Un résumé réécrit."
    sheet.save()

    with django_assert_num_queries(1):  # the certifications' version: the page is kept
        assert "Manager logistique" in page_text(client.get(LIST_URL))


@pytest.mark.django_db
@pytest.mark.parametrize("edit", ["retitled", "component", "rome_code", "bulk"])
def test_list_follows_every_edit_of_a_certification_or_its_codes(client, edit):
    certification = certification_with_codes(title="Manager logistique")
    assert "Manager logistique" in page_text(client.get(LIST_URL))
    renamed = "Manager de la chaîne logistique"
    # Retitled without a signal: the page changes only if the edit itself moved its part.
    Certification.objects.filter(pk=certification.pk).update(title=renamed)

    if edit == "retitled":
        certification.title = renamed
        certification.save()
    elif edit == "component":
        ComponentFactory(certification=certification, title="Bloc ajouté")
    elif edit == "rome_code":
        code = certification.certificationrome_set.get().rome_code
        code.label = "Logistique renommée"
        code.save()
    elif edit == "bulk":
        cache.bump()  # as every bulk writer does

    assert renamed in page_text(client.get(LIST_URL))
