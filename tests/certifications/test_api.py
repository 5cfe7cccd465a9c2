"""Certifications as data: the JSON twin of a page, the list's twin and the API."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from certifications.models import CertificationKind
from tests import factories

pytestmark = pytest.mark.django_db

FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures" / "certifications").glob("*.json"))
CERTIFICATION_KEYS = {
    "slug",
    "kind",
    "kind_label",
    "code",
    "title",
    "alternative_title",
    "level",
    "level_label",
    "certifying_body",
    "is_active",
    "url",
    "json_url",
    "api_url",
    "official_url",
    "nsf_codes",
    "rome_codes",
    "source",
    "summary",
    "components_heading",
    "components",
    "activities",
    "sections",
    "careers_by_rome",
    "careers_at_same_level",
}
SUMMARY_KEYS = CERTIFICATION_KEYS - {
    "source",
    "summary",
    "components_heading",
    "components",
    "activities",
    "sections",
    "careers_by_rome",
    "careers_at_same_level",
}


def rows(objects: list[dict], model: str) -> list[dict]:
    return sorted(
        (o["fields"] for o in objects if o["model"] == f"certifications.{model}"),
        key=lambda fields: fields["position"],
    )


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.stem)
def test_twin_holds_every_statement_of_the_fixture_in_order(client, path):
    call_command("loaddata", str(path), verbosity=0)
    objects = json.loads(path.read_text(encoding="utf-8"))
    (fields,) = [o["fields"] for o in objects if o["model"] == "certifications.certification"]

    response = client.get(f"/certifications/{fields['slug']}.json")
    assert response.status_code == 200
    data = response.json()

    assert set(data) == CERTIFICATION_KEYS
    for key in ("kind", "code", "title", "alternative_title", "level", "level_label", "summary"):
        assert data[key] == fields[key]
    assert data["certifying_body"] == fields["certifying_body"]
    assert [n["code"] for n in data["nsf_codes"]] == sorted(c[0] for c in fields["nsf_codes"])
    assert [(r["code"], r["label"]) for r in data["rome_codes"]] == [
        (rome["rome_code"][0], rome["label"]) for rome in rows(objects, "certificationrome")
    ]
    components = rows(objects, "component")
    assert [
        (c["label"], c["title"], c["description"], c["evaluation"]) for c in data["components"]
    ] == [(c["label"], c["title"], c["description"], c["evaluation"]) for c in components]
    competences = [o["fields"] for o in objects if o["model"] == "certifications.competence"]
    json_texts = [
        competence["text"]
        for component in data["components"]
        for group in component["competence_groups"]
        for top in group["competences"]
        for competence in (top, *top["children"])
    ]
    assert sorted(json_texts) == sorted(c["text"] for c in competences)
    activities = rows(objects, "activity")
    assert [a["title"] for a in data["activities"]] == [a["title"] for a in activities]
    tasks = [o["fields"] for o in objects if o["model"] == "certifications.activitytask"]
    assert sorted(t["title"] for a in data["activities"] for t in a["tasks"]) == sorted(
        t["title"] for t in tasks
    )
    assert data["sections"] == [
        {"heading": s["heading"], "body": s["body"]} for s in rows(objects, "certificationsection")
    ]


def test_rncp_twin_points_to_france_competences(client):
    factories.CertificationFactory(code="RNCP 14528", slug="rncp")
    data = client.get("/certifications/rncp.json").json()
    assert data["official_url"] == "https://www.francecompetences.fr/recherche/rncp/14528/"
    assert data["components_heading"] == "Blocs de compétences"


def test_competences_come_grouped_as_the_page_shows_them(client):
    component = factories.ComponentFactory(certification__slug="groupes")
    knowledge = factories.CompetenceFactory(
        component=component, kind="knowledge", text="Connaître", code="K1"
    )
    skill = factories.CompetenceFactory(component=component, kind="skill", text="Savoir-faire")
    factories.CompetenceFactory(component=component, parent=skill, text="Sous-compétence")
    data = client.get("/certifications/groupes.json").json()
    groups = data["components"][0]["competence_groups"]
    assert [g["kind"] for g in groups] == ["skill", "knowledge"]
    assert groups[0]["competences"][0]["text"] == "Savoir-faire"
    assert groups[0]["competences"][0]["children"] == [
        {"code": groups[0]["competences"][0]["children"][0]["code"], "text": "Sous-compétence"}
    ]
    assert groups[1]["competences"] == [{"code": "K1", "text": knowledge.text, "children": []}]


def test_unknown_slug_is_a_json_404(client):
    for url in ("/certifications/inconnue.json", "/api/v1/certifications/inconnue/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["status"] == 404


def test_twin_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    small = factories.CertificationFactory(slug="petite")
    large = factories.CertificationFactory(slug="grande")
    # The same kinds of rows, in different numbers: the count depends on kinds only.
    factories.CompetenceFactory(component__certification=small)
    factories.CertificationSectionFactory(certification=small)
    factories.CertificationRomeFactory(certification=small)
    for _ in range(6):
        component = factories.ComponentFactory(certification=large)
        factories.CompetenceFactory(component=component)
        factories.CertificationSectionFactory(certification=large)
        factories.CertificationRomeFactory(certification=large)
    with django_assert_num_queries(10):
        client.get("/certifications/petite.json")
    with django_assert_num_queries(10):
        client.get("/certifications/grande.json")


def test_api_detail_is_the_twin(client):
    factories.CertificationFactory(slug="jumelle")
    assert client.get("/api/v1/certifications/jumelle/").json() == (
        client.get("/certifications/jumelle.json").json()
    )


def test_list_twin_applies_the_filters_and_links_its_pages(client):
    for n in range(22):
        factories.CertificationFactory(title=f"Titre {n:02d}", kind=CertificationKind.TP)
    factories.CertificationFactory(title="Hors filtre", kind=CertificationKind.RNCP)
    data = client.get("/certifications/", {"format": "json", "type": "tp"}).json()
    assert data["count"] == 22
    assert set(data["results"][0]) == SUMMARY_KEYS
    assert {r["kind"] for r in data["results"]} == {"tp"}
    assert "type=tp" in data["next"] and "page=2" in data["next"]
    assert "format=json" in data["next"]
    assert data["previous"] is None
    second = client.get(data["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None


def test_api_list_pages_and_filters(client, django_assert_num_queries):
    for n in range(5):
        certification = factories.CertificationFactory(title=f"Titre {n}", level=5)
        factories.CertificationRomeFactory(certification=certification)
    factories.CertificationFactory(title="Autre niveau", level=7)
    # The catalogue's version (the key of the form's choices), form choices (NSF, ROME in
    # use), count, page, NSF and ROME prefetches.
    with django_assert_num_queries(7):
        data = client.get("/api/v1/certifications/", {"niveau": 5, "page_size": 2}).json()
    assert data["count"] == 5 and data["num_pages"] == 3
    assert [r["title"] for r in data["results"]] == ["Titre 0", "Titre 1"]
    assert len(data["results"][0]["rome_codes"]) == 1
    assert client.get("/api/v1/certifications/", {"page_size": 500}).status_code == 400
