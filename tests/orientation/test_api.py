"""The ranking as data: the page's JSON twin and /api/v1/orientation/ say the same."""

import pytest
from django.conf import settings

URL = "/orientation/"
API = "/api/v1/orientation/"
PROFILE = (
    "competence=communication&competence=rigueur&contrainte=pression-temporelle"
    "&relations_humaines=3&niveau=3&salaire_min=24000"
)
RESULT_KEYS = {
    "slug",
    "title",
    "url",
    "score",
    "criteria",
    "skills_used",
    "to_acquire",
    "to_acquire_more",
    "avoided_present",
    "not_compared",
    "fulfilment",
    "first_level_bac_plus",
    "starting_salary",
    "certifications_by_rome",
    "certifications_at_level",
}


def test_the_json_twin_has_the_ranking_and_its_explanation(catalogue, client):
    response = client.get(f"{URL}?{PROFILE}&format=json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["profile"]["skills"][0] == {
        "slug": "communication",
        "name": "Communication",
        "kind": "soft",
        "url": f"{settings.SITE_URL}/competences/communication/",
    }
    assert data["profile"]["weights"] == {"relations_humaines": 3}
    assert (data["profile"]["level_bac_plus"], data["profile"]["min_salary_eur"]) == (3, 24000)
    assert data["formula"]["coefficients"] == {
        "skills": 4,
        "constraints": 2,
        "fulfilment": 2,
        "level": 1,
        "salary": 1,
    }
    assert (data["count"], data["page"], data["num_pages"], data["next"]) == (2, 1, 1, None)
    first, second = data["results"]
    assert set(first) == RESULT_KEYS
    assert [first["slug"], second["slug"]] == [
        "chargee-de-mission-relations-internationales",
        "assistante-logistique-internationale",
    ]
    assert [(c["key"], c["coefficient"], c["points"]) for c in second["criteria"]] == [
        ("skills", 4, 50),
        ("constraints", 2, 0),
        ("fulfilment", 2, 83),
        ("level", 1, 100),
        ("salary", 1, 50),
    ]
    assert second["score"] == 52  # (4 × 50 + 2 × 0 + 2 × 83 + 100 + 50) / 10 = 51.6
    assert [use["name"] for use in second["skills_used"]] == ["Rigueur", "Communication"]
    assert second["avoided_present"][0]["slug"] == "pression-temporelle"
    assert second["starting_salary"] == {"min_eur": 22000, "max_eur": 26000}
    assert second["certifications_at_level"][0]["code"] == "TP-00523"


def test_the_api_answers_the_same_as_the_twin(catalogue, client):
    twin = client.get(f"{URL}?{PROFILE}&format=json").json()
    api = client.get(f"{API}?{PROFILE}")

    assert api.status_code == 200
    assert api["Access-Control-Allow-Origin"] == "*"
    assert api.json()["results"] == twin["results"]
    assert api.json()["count"] == twin["count"]


def test_the_api_pages_and_names_what_it_ignores(catalogue, client):
    data = client.get(f"{API}?{PROFILE}&page_size=1&qualite_de_vie=9").json()

    assert (data["count"], data["num_pages"], len(data["results"])) == (2, 2, 1)
    assert data["next"] == (
        f"{settings.SITE_URL}{API}?{PROFILE}&page_size=1&qualite_de_vie=9&page=2"
    )
    assert data["ignored_parameters"] == ["Qualité de vie : « 9 » n'est pas valable, ignoré."]


@pytest.mark.parametrize(
    ("query", "status"), [("page=0", 400), ("page_size=500", 400), ("page=4", 404)]
)
def test_the_api_refuses_bad_pages_in_json(catalogue, client, query, status):
    response = client.get(f"{API}?{PROFILE}&{query}")

    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_an_empty_profile_is_an_empty_ranking(db, client):
    data = client.get(API).json()
    assert (data["count"], data["results"]) == (0, [])
