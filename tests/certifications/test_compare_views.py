"""Certifications side by side, as a reader sees them."""

import html
import re

import pytest

from certifications.models import CertificationKind
from tests import factories

URL = "/certifications/comparer/"


def text_of(response) -> str:
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(without_tags).split())


def row_of(response, name: str) -> str:
    for row in re.findall(r"<tr[^>]*>.*?</tr>", response.content.decode(), flags=re.S):
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
        if words.startswith(name):
            return words
    raise AssertionError(f"no row for {name!r}")


@pytest.fixture
def three_kinds():
    """The three kinds of the catalogue: an RNCP title, a TP and an Erasmus+ standard."""
    rncp = factories.CertificationFactory(
        code="RNCP 14528",
        title="Manager des opérations logistiques internationales",
        level=7,
        level_label="7 (Nomenclature Europe)",
        certifying_body="PROMOTRANS",
    )
    rncp.nsf_codes.add(factories.NsfCodeFactory(code="311", label="Transports, manutention"))
    factories.CertificationRomeFactory(
        certification=rncp,
        position=0,
        rome_code=factories.RomeCodeFactory(code="N1301", label="Conception logistique"),
        label="Conception et organisation de la chaîne logistique",
    )
    factories.ComponentFactory(
        certification=rncp,
        position=0,
        label="Bloc de compétence n°1",
        code="RNCP14528BC01",
        title="Concevoir et piloter une stratégie logistique",
    )
    factories.ComponentFactory(
        certification=rncp, position=1, label="Bloc de compétence n°2", code="", title="Manager"
    )
    tp = factories.CertificationFactory(
        kind=CertificationKind.TP,
        code="TP-00523",
        title="Assistant import-export",
        level=5,
        level_label="5",
        certifying_body="Ministère chargé de l'emploi",
    )
    factories.ComponentFactory(
        certification=tp,
        position=0,
        label="CCP",
        code="",
        title="Assurer l'administration des ventes à l'international",
    )
    erasmus = factories.CertificationFactory(
        kind=CertificationKind.ERASMUS,
        code="",
        title="Management Opérationnel en Commerce International",
        slug="management-operationnel-commerce-international",
        level=None,
        level_label="",
        certifying_body="",
    )
    factories.ComponentFactory(
        certification=erasmus, position=0, label="Unité 1", code="", title="Étude des marchés"
    )
    return rncp, tp, erasmus


@pytest.mark.django_db
def test_certifications_side_by_side(client, three_kinds, django_assert_num_queries):
    erasmus = three_kinds[2]

    # The catalogue's version (the page's key), the certifications, their NSF and ROME codes
    # and components.
    with django_assert_num_queries(5):
        response = client.get(URL, {"codes": f"RNCP 14528,TP-00523,{erasmus.slug}"})

    assert response.status_code == 200
    assert row_of(response, "Type") == (
        "Type Titre RNCP Titre professionnel Standard professionnel Erasmus+"
    )
    assert row_of(response, "Code") == "Code RNCP 14528 TP-00523 —"
    assert row_of(response, "Niveau") == "Niveau 7 (Nomenclature Europe) 5 —"
    assert row_of(response, "Certificateur") == (
        "Certificateur PROMOTRANS Ministère chargé de l'emploi —"
    )
    assert row_of(response, "Codes NSF") == "Codes NSF 311 Transports, manutention — —"
    assert row_of(response, "Codes ROME") == (
        "Codes ROME N1301 Conception et organisation de la chaîne logistique — —"
    )
    assert row_of(response, "Composante 1") == (
        "Composante 1 Bloc de compétence n°1 · RNCP14528BC01 Concevoir et piloter une stratégie "
        "logistique CCP Assurer l'administration des ventes à l'international Unité 1 "
        "Étude des marchés"
    )
    assert row_of(response, "Composante 2") == "Composante 2 Bloc de compétence n°2 Manager — —"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
def test_query_count_is_the_same_for_two_and_four(client, three_kinds, django_assert_num_queries):
    rncp, tp, erasmus = three_kinds
    fourth = factories.CertificationFactory()

    with django_assert_num_queries(5):
        client.get(URL, {"codes": f"{rncp.code},{tp.code}"})
    with django_assert_num_queries(5):
        response = client.get(URL, {"codes": f"{rncp.code},{tp.code},{erasmus.slug},{fourth.slug}"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_columns_follow_the_url_order_and_codes_ignore_case(client, three_kinds):
    rncp, tp, _ = three_kinds

    page = text_of(client.get(URL, {"codes": "tp-00523,rncp 14528"}))

    assert page.index(tp.title) < page.index(rncp.title)


@pytest.mark.django_db
def test_code_and_slug_of_the_same_certification_count_once(client, three_kinds):
    rncp, tp, _ = three_kinds

    response = client.get(URL, {"codes": f"{rncp.code},{rncp.slug},{tp.code},{tp.code}"})

    assert response.status_code == 200
    assert row_of(response, "Code") == "Code RNCP 14528 TP-00523"


@pytest.mark.django_db
def test_unknown_code_is_a_404_naming_it(client, three_kinds):
    response = client.get(URL, {"codes": "RNCP 14528,RNCP 99999"})

    assert response.status_code == 404
    assert "Introuvable : « RNCP 99999 »." in text_of(response)


@pytest.mark.django_db
def test_one_certification_is_shown_with_an_invitation(client, three_kinds):
    rncp = three_kinds[0]

    response = client.get(URL, {"codes": rncp.code})

    assert response.status_code == 200
    assert "ajoutez-en au moins une autre pour comparer" in text_of(response)
    assert row_of(response, "Code") == "Code RNCP 14528"
    body = response.content.decode()
    assert 'value="RNCP 14528" checked' in body
    assert 'value="TP-00523">' in body


@pytest.mark.django_db
def test_more_than_four_is_a_400(client):
    codes = [c.code for c in factories.CertificationFactory.create_batch(5)]

    response = client.get(URL, {"codes": ",".join(codes)})

    assert response.status_code == 400
    assert "On compare de 2 à 4 certifications à la fois." in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status"), [("", 200), ("?codes=,", 200), ("?codes=%3Cb%3E", 400)]
)
def test_empty_or_garbage_explains_how_to_pick(client, three_kinds, query, status):
    response = client.get(URL + query)

    assert response.status_code == status
    assert "Pour comparer, cochez de 2 à 4 certifications" in text_of(response)
    assert 'name="codes" value="RNCP 14528"' in response.content.decode()
    assert 'name="codes" value="management-operationnel-commerce-international"' in (
        response.content.decode()
    )
