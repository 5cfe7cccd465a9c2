"""The "Données ouvertes" page, the catalogue downloads and the vocabulary in the API."""

import csv
import datetime
import io
import json

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.models import Career
from skills.models import SkillKind
from tests import factories

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[list[str]]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def sheet(title: str) -> Career:
    career = factories.CareerFactory(title=title)
    factories.HardSkillLinkFactory(career=career)
    factories.SalaryBandFactory(career=career)
    factories.MissionFactory(block__career=career)
    factories.FulfilmentScoreFactory(career=career)
    return career


def test_page_states_the_licence_the_date_and_the_links(client):
    career = factories.CareerFactory()
    Career.objects.filter(pk=career.pk).update(
        updated_at=timezone.make_aware(datetime.datetime(2025, 3, 5, 10))
    )
    response = client.get("/donnees-ouvertes/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Licence Ouverte / Open Licence 2.0 (Etalab)" in text
    assert "5 mars 2025" in text
    for url in (
        "/donnees-ouvertes/metiers.csv",
        "/donnees-ouvertes/metiers.json",
        "/donnees-ouvertes/certifications.csv",
        "/donnees-ouvertes/certifications.json",
    ):
        assert f'href="{url}"' in text


def test_every_page_links_to_open_data_in_its_footer(client):
    assert 'href="/donnees-ouvertes/"' in client.get("/").content.decode()


def test_careers_csv_is_streamed_with_bom_semicolons_and_accents(client):
    career = sheet("Chargé(e) d'études « export »")
    factories.CareerFactory(title="Brouillon", is_published=False)
    response = client.get("/donnees-ouvertes/metiers.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="metiers.csv"'
    header, *rows = csv_rows(response)
    assert header[:3] == ["slug", "title", "summary"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["title"] == "Chargé(e) d'études « export »"
    assert row["fulfilment_qualite_de_vie"] == "65"
    assert row["salary_bands"] == "DÉBUTANT : 22000-26000 € brut par an"
    assert row["missions"] == career.missionblock_set.get().missions.get().text


def test_careers_json_is_streamed_and_holds_whole_sheets(client):
    sheet("Métier un")
    sheet("Métier deux")
    response = client.get("/donnees-ouvertes/metiers.json")
    assert response["Content-Disposition"] == 'attachment; filename="metiers.json"'
    data = json.loads(body(response))
    assert data["licence"]["name"].startswith("Licence Ouverte")
    assert data["data_date"]
    assert [c["title"] for c in data["careers"]] == ["Métier deux", "Métier un"]
    assert {s["kind"] for s in data["careers"][0]["sections"]} >= {"hard_skills", "missions"}
    assert "related_careers" not in data["careers"][0]


def test_empty_catalogue_is_valid_json(client):
    data = json.loads(body(client.get("/donnees-ouvertes/metiers.json")))
    assert data["careers"] == []


def test_certifications_csv_and_json(client):
    certification = factories.CertificationFactory(title="Responsable qualité")
    factories.CertificationRomeFactory(certification=certification)
    factories.ComponentFactory(certification=certification, label="Bloc 1", title="Piloter")
    header, row = csv_rows(client.get("/donnees-ouvertes/certifications.csv"))
    row = dict(zip(header, row, strict=True))
    assert row["title"] == "Responsable qualité"
    assert row["components"] == "Bloc 1 : Piloter"
    assert row["code"] == certification.code
    data = json.loads(body(client.get("/donnees-ouvertes/certifications.json")))
    assert data["certifications"][0]["components"][0]["title"] == "Piloter"


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The careers, then each kind of sheet row once per chunk (+ the data date in JSON).
        ("/donnees-ouvertes/metiers.csv", 18),
        ("/donnees-ouvertes/metiers.json", 19),
        ("/donnees-ouvertes/certifications.csv", 8),
        ("/donnees-ouvertes/certifications.json", 9),
    ],
)
def test_download_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, url, queries
):
    for size in (2, 7):
        for index in range(size - Career.objects.count()):
            sheet(f"Métier {size}-{index}")
            factories.CompetenceFactory(component__certification__title=f"Titre {size}-{index}")
        with django_assert_num_queries(queries):
            body(client.get(url))


@pytest.mark.parametrize(
    "url",
    [
        "/donnees-ouvertes/metiers.csv",
        "/donnees-ouvertes/metiers.json",
        "/donnees-ouvertes/certifications.csv",
        "/donnees-ouvertes/certifications.json",
    ],
)
def test_downloads_read_their_first_rows_before_the_response_starts(client, url):
    # A database that fails then fails the view (a 503, tests/core/test_errors.py),
    # not the stream after a 200 and the header row.
    sheet("Métier un")
    factories.CompetenceFactory(component__certification__title="Titre un")

    with CaptureQueriesContext(connection) as in_the_view:
        response = client.get(url)
    with CaptureQueriesContext(connection) as while_streaming:
        body(response)

    table = "careers_career" if "metiers" in url else "certifications_certification"
    assert any(table in query["sql"] for query in in_the_view.captured_queries)
    assert while_streaming.captured_queries == []


def test_api_skills_lists_the_vocabulary_with_usage(client):
    career = factories.CareerFactory()
    factories.CareerSkillFactory(career=career, skill__name="Écoute")
    factories.SkillFactory(kind=SkillKind.TOOL, name="Excel")
    data = client.get("/api/v1/competences/").json()
    assert data["count"] == 2
    assert data["results"][0] == {
        "slug": "ecoute",
        "name": "Écoute",
        "kind": "soft",
        "kind_label": "Soft skill",
        "career_count": 1,
        "url": f"{settings.SITE_URL}/competences/ecoute/",
    }
    tools = client.get("/api/v1/competences/", {"kind": "tool"}).json()
    assert [r["name"] for r in tools["results"]] == ["Excel"]
    assert client.get("/api/v1/competences/", {"kind": "x"}).status_code == 400
