"""The search page /recherche/ and its as-you-type suggestions."""

import pytest
from django.urls import reverse

from core.text import normalise
from skills.models import SkillKind
from tests.factories import CareerFactory, CertificationFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    for title, summary in [
        ("Assistant(e) logistique internationale", "Coordonne les flux <b>logistiques</b>."),
        ("Conseiller en épanouissement professionnel", "Accompagne chacun."),
        ("Comptable", "Tient les comptes."),
    ]:
        CareerFactory(title=title, summary=summary, search_text=normalise(f"{title} {summary}"))
    CertificationFactory(
        code="RNCP 14528", title="Manager des opérations logistiques internationales"
    )
    SkillFactory(name="Gestion logistique", kind=SkillKind.HARD)
    SkillFactory(name="Communication", kind=SkillKind.SOFT)


def search(client, query: str, **kwargs):
    return client.get(reverse("search"), {"q": query}, **kwargs)


def test_results_of_each_kind_with_counts_and_list_links(client, catalogue):
    response = search(client, "logistique")
    assert response.status_code == 200
    groups = {group.key: group for group in response.context["groups"]}
    assert [hit.title for hit in groups["metiers"].hits] == [
        "Assistant(e) logistique internationale"
    ]
    assert groups["metiers"].count == 1
    assert [hit.title for hit in groups["certifications"].hits] == [
        "Manager des opérations logistiques internationales"
    ]
    assert [hit.title for hit in groups["competences"].hits] == ["Gestion logistique"]
    assert response.context["total"] == 3
    html = response.content.decode()
    assert "/metiers/?q=logistique" in html
    assert "<strong>3</strong> résultats pour « logistique »" in html


@pytest.mark.parametrize("query", ["LOGISTIQUES", "logistiqe", "Logistique"])
def test_case_plural_and_typo_find_the_same_career(client, catalogue, query):
    groups = search(client, query).context["groups"]
    assert groups[0].hits[0].title == "Assistant(e) logistique internationale"


@pytest.mark.parametrize("query", ["épanouissement", "epanouissement"])
def test_accents_are_ignored(client, catalogue, query):
    groups = search(client, query).context["groups"]
    assert [hit.title for hit in groups[0].hits] == ["Conseiller en épanouissement professionnel"]


def test_snippets_highlight_and_escape(client, catalogue):
    html = search(client, "logistique").content.decode()
    assert "<mark>" in html
    assert "<b>logistiques</b>" not in html


def test_query_is_escaped_on_the_page(client, catalogue):
    html = search(client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_query_shows_the_form_only(client, catalogue):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert 'name="q"' in response.content.decode()


def test_no_result_says_so(client, catalogue):
    html = search(client, "zzqxwv").content.decode()
    assert "<strong>0</strong> résultat pour « zzqxwv »" in html
    assert "Aucun résultat dans cette rubrique." in html


@pytest.mark.parametrize("query", ["x" * 5000, "a:* & !(", "' OR 1=1 --", "«»’…"])
def test_odd_queries_never_fail(client, catalogue, query):
    assert search(client, query).status_code == 200


def test_nul_byte_is_a_clear_client_error_at_worst(client, catalogue):
    assert search(client, "logistique\x00").status_code in (200, 400)


def test_post_is_refused(client):
    assert client.post(reverse("search"), {"q": "x"}).status_code == 405


def test_search_box_uses_htmx_suggestions_and_works_without_js(client, catalogue):
    html = search(client, "logistique").content.decode()
    assert f'hx-get="{reverse("search_suggestions")}"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert f'action="{reverse("search")}"' in html


def test_header_has_a_search_box(client, catalogue):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("search")}"' in html


def test_suggestions_are_a_short_partial(client, catalogue):
    response = client.get(reverse("search_suggestions"), {"q": "logis"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Assistant(e) logistique internationale" in html
    assert "Gestion logistique" in html
    assert f"{reverse('search')}?q=logis" in html


def test_suggestions_for_nothing_are_empty(client):
    response = client.get(reverse("search_suggestions"), {"q": ""})
    assert response.content.strip() == b""


def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries, catalogue):
    for n in range(15):
        CareerFactory(title=f"Logisticien {n}", search_text=f"logisticien {n} logistique")
    with django_assert_max_num_queries(12):
        search(client, "logistique")


def test_each_kind_counts_every_match_beyond_the_hits_shown(client, catalogue):
    for n in range(12):
        CareerFactory(title=f"Logisticien {n}", search_text=f"logisticien {n} logistique")
    groups = {group.key: group for group in search(client, "logistique").context["groups"]}
    assert len(groups["metiers"].hits) == 10
    assert groups["metiers"].count == 13
    assert groups["certifications"].count == 1
    nothing = {group.key: group for group in search(client, "zzzz").context["groups"]}
    assert [group.count for group in nothing.values()] == [0, 0, 0]
