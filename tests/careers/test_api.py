"""Careers as data: the JSON twin of a sheet, the list's twin, the API and the comparison CSV."""

import csv
import html
import io
import re

import pytest
from django.conf import settings

from careers.models import Career, Mission, SectionKind
from careers.sections import SHEET_KINDS
from skills.models import SkillKind
from tests import factories

pytestmark = pytest.mark.django_db

CAREER_KEYS = {
    "slug",
    "title",
    "summary",
    "url",
    "json_url",
    "api_url",
    "updated_at",
    "rome_codes",
    "source",
    "sections",
    "related_careers",
    "certifications_by_rome",
    "certifications",
}
SECTION_KEYS = {"kind", "title", "subheading", "intro", "note", "note_placement", "items"}
SUMMARY_KEYS = {
    "slug",
    "title",
    "summary",
    "url",
    "json_url",
    "api_url",
    "starting_salary",
    "top_hard_skills",
}
PAGE_KEYS = {"count", "page", "num_pages", "next", "previous", "ignored_parameters", "results"}


@pytest.fixture
def seed_careers(catalogue) -> list[Career]:
    return list(Career.objects.published().order_by("title"))


def full_sheet(**kwargs) -> Career:
    """A career with one row of every kind, plus `extra` more of the repeatable ones."""
    extra = kwargs.pop("extra", 0)
    career = factories.CareerFactory(**kwargs)
    for position, kind in enumerate(SHEET_KINDS):
        factories.CareerSectionFactory(career=career, position=position, kind=kind)
    factories.FulfilmentScoreFactory(career=career)
    for _ in range(1 + extra):
        block = factories.MissionBlockFactory(career=career)
        factories.MissionFactory(block=block)
        factories.CareerSkillFactory(career=career)
        factories.HardSkillLinkFactory(career=career)
        factories.ToolLinkFactory(career=career)
        factories.ConstraintLinkFactory(career=career)
        factories.EducationLevelFactory(career=career)
        factories.ExperiencePathFactory(career=career)
        factories.SalaryBandFactory(career=career)
        factories.FaqEntryFactory(career=career)
    return career


def section(payload: dict, kind: str) -> dict:
    return next(s for s in payload["sections"] if s["kind"] == kind)


def page_headings(response) -> list[str]:
    found = re.findall(r'<h2 id="[^"]+-titre">(.*?)</h2>', response.content.decode(), flags=re.S)
    # A heading's words, without its decorative icon.
    return [
        html.unescape(re.sub(r"<svg.*?</svg>", "", heading, flags=re.S)).strip()
        for heading in found
    ]


# --- The twin of a sheet --------------------------------------------------------------------


def test_twin_of_each_catalogue_sheet_holds_every_section_and_item_in_order(client, seed_careers):
    assert seed_careers
    for career in seed_careers:
        page = client.get(f"/metiers/{career.slug}/")
        response = client.get(f"/metiers/{career.slug}.json")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        page_html = html.unescape(page.content.decode())

        titles = [s["title"] for s in data["sections"]]
        assert titles == page_headings(page)[: len(titles)]
        assert data["title"] == career.title and data["summary"] == career.summary

        missions = [m for block in section(data, "missions")["items"] for m in block["missions"]]
        expected = Mission.objects.filter(block__career=career).order_by(
            "block__position", "position"
        )
        assert missions == [m.text for m in expected]
        for text in missions:
            assert text in page_html

        for kind, json_kind in (
            (SkillKind.SOFT, "soft_skills"),
            (SkillKind.HARD, "hard_skills"),
            (SkillKind.CONSTRAINT, "constraints"),
        ):
            links = career.skill_links.filter(skill__kind=kind).order_by("position", "pk")
            names = [item["name"] for item in section(data, json_kind)["items"]]
            assert names == [link.skill.name for link in links]
        hard = section(data, "hard_skills")["items"]
        assert [item["score"] for item in hard] == [
            link.score
            for link in career.skill_links.filter(skill__kind=SkillKind.HARD).order_by(
                "position", "pk"
            )
        ]
        tools = [t["name"] for g in section(data, "tools")["items"] for t in g["tools"]]
        assert sorted(tools) == sorted(
            career.skill_links.filter(skill__kind=SkillKind.TOOL).values_list(
                "skill__name", flat=True
            )
        )
        bands = section(data, "salary")["items"]
        assert [(b["label"], b["min_eur"], b["max_eur"]) for b in bands] == list(
            career.salaryband_set.order_by("position").values_list("label", "min_eur", "max_eur")
        )
        assert [e["name"] for e in section(data, "education")["items"]] == list(
            career.educationlevel_set.order_by("position").values_list("name", flat=True)
        )
        faq = section(data, "faq")["items"]
        assert [q["question"] for q in faq] == list(
            career.faqentry_set.order_by("position").values_list("question", flat=True)
        )
        for entry in faq:
            assert entry["question"] in page_html
        scores = section(data, "fulfilment")["items"]
        assert [s["percent"] for s in scores] == list(
            career.fulfilmentscore_set.order_by("position").values_list("percent", flat=True)
        )


def test_twin_keeps_accents_as_utf8(client, seed_careers):
    response = client.get(f"/metiers/{seed_careers[0].slug}.json")
    assert "é".encode() in response.content
    assert b"\\u00e9" not in response.content


def test_twin_keys_are_stable_even_when_the_source_is_silent(client):
    full = client.get(f"/metiers/{full_sheet(title='Complet').slug}.json").json()
    bare = client.get(f"/metiers/{factories.CareerFactory(title='Vide').slug}.json").json()
    assert set(full) == set(bare) == CAREER_KEYS
    assert bare["sections"] == []
    for item in full["sections"]:
        assert set(item) == SECTION_KEYS
    assert full["sections"][0]["kind"] == SectionKind.FULFILMENT
    hard = section(full, "hard_skills")["items"][0]
    assert set(hard) == {"slug", "name", "url", "score", "keywords", "description"}
    assert hard["score"] == 80
    assert set(section(full, "salary")["items"][0]) == {
        "label",
        "experience",
        "min_eur",
        "max_eur",
        "period",
    }
    assert full["url"].endswith("/metiers/complet/")
    assert full["json_url"].endswith("/metiers/complet.json")
    assert full["api_url"].endswith("/api/v1/metiers/complet/")


def test_unknown_or_unpublished_slug_is_a_json_404(client):
    hidden = factories.CareerFactory(is_published=False)
    for slug in ("inconnu", hidden.slug):
        response = client.get(f"/metiers/{slug}.json")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["error"]["status"] == 404


def test_twin_query_count_does_not_grow_with_items(client, django_assert_num_queries):
    # The career and its rows (19 queries), the related careers (none here: one query), the
    # certifications.
    small = full_sheet(title="Petit")
    large = full_sheet(title="Grand", extra=6)
    with django_assert_num_queries(21):
        client.get(f"/metiers/{small.slug}.json")
    with django_assert_num_queries(21):
        client.get(f"/metiers/{large.slug}.json")


def test_api_detail_is_the_twin(client):
    career = full_sheet(title="Jumeau")
    assert client.get(f"/api/v1/metiers/{career.slug}/").json() == (
        client.get(f"/metiers/{career.slug}.json").json()
    )


# --- The list's twin -------------------------------------------------------------------------


def test_list_twin_applies_the_filters_and_links_its_pages(client):
    skill = factories.SkillFactory(kind=SkillKind.HARD, name="Douane")
    for n in range(25):
        career = factories.CareerFactory(title=f"Métier {n:02d}")
        factories.SalaryBandFactory(career=career, min_eur=20000 + n, max_eur=30000)
        factories.HardSkillLinkFactory(career=career, skill=skill, score=70)
    factories.CareerFactory(title="Sans douane")

    response = client.get("/metiers/", {"format": "json", "hard": "douane"})
    data = response.json()
    assert response["Content-Type"] == "application/json"
    assert set(data) == PAGE_KEYS
    assert data["count"] == 25 and data["num_pages"] == 2 and data["previous"] is None
    assert "page=2" in data["next"] and "hard=douane" in data["next"]
    assert "format=json" in data["next"]
    assert data["next"].startswith(f"{settings.SITE_URL}/metiers/?")
    first = data["results"][0]
    assert set(first) == SUMMARY_KEYS
    assert first["title"] == "Métier 00"
    assert first["starting_salary"] == {"min_eur": 20000, "max_eur": 30000}
    assert first["top_hard_skills"] == [{"slug": "douane", "name": "Douane", "score": 70}]

    second = client.get(data["next"]).json()
    assert [r["title"] for r in second["results"]] == [f"Métier {n}" for n in range(20, 25)]
    assert second["next"] is None and "page=1" in second["previous"]


def test_list_twin_reports_ignored_parameters(client):
    factories.CareerFactory()
    data = client.get("/metiers/", {"format": "json", "soft": "inconnue"}).json()
    assert data["count"] == 1
    assert any("inconnue" in notice for notice in data["ignored_parameters"])


def test_list_twin_page_past_the_end_is_a_json_404(client):
    factories.CareerFactory()
    response = client.get("/metiers/", {"format": "json", "page": 9})
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_html_list_is_unchanged_without_format(client):
    factories.CareerFactory(title="Visible")
    response = client.get("/metiers/")
    assert response["Content-Type"].startswith("text/html")
    assert "Access-Control-Allow-Origin" not in response


# --- The API -------------------------------------------------------------------------------


def test_api_list_paginates_with_page_size(client):
    for n in range(5):
        factories.CareerFactory(title=f"Métier {n}")
    data = client.get("/api/v1/metiers/", {"page_size": 2, "page": 2}).json()
    assert [r["title"] for r in data["results"]] == ["Métier 2", "Métier 3"]
    assert data["count"] == 5 and data["num_pages"] == 3
    assert "page=3" in data["next"] and "page_size=2" in data["next"]
    assert "page=1" in data["previous"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"page": "abc"}, 400),
        ({"page": "0"}, 400),
        ({"page_size": "101"}, 400),
        ({"page_size": "-1"}, 400),
        ({"page": "99"}, 404),
    ],
)
def test_api_bad_pages_are_json_errors(client, query, status):
    factories.CareerFactory()
    response = client.get("/api/v1/metiers/", query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == status
    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_list_accepts_the_list_filters(client):
    factories.CareerFactory(title="Logisticien", summary="Organiser les flux.")
    factories.CareerFactory(title="Juriste", summary="Conseiller.")
    data = client.get("/api/v1/metiers/", {"q": "logisticien"}).json()
    assert [r["title"] for r in data["results"]] == ["Logisticien"]


def test_api_sends_etag_and_answers_304_with_cors(client):
    full_sheet(title="Cache")
    first = client.get("/api/v1/metiers/cache/")
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get("/api/v1/metiers/cache/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/metiers/", headers={"if-none-match": '"autre"'}).status_code == 200


def test_api_cors_on_get_head_and_preflight_only(client):
    factories.CareerFactory()
    assert client.get("/api/v1/metiers/")["Access-Control-Allow-Origin"] == "*"
    assert client.head("/api/v1/metiers/")["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/metiers/")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    refused = client.post("/api/v1/metiers/")
    assert refused.status_code == 405
    assert refused.json()["error"]["status"] == 405
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Origin" not in client.get("/metiers/inconnu.json")


def test_api_unknown_slug_and_path_are_json_404s(client):
    for url in ("/api/v1/metiers/inconnu/", "/api/v1/nimporte/quoi"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {
            "error": {"status": 404, "message": response.json()["error"]["message"]}
        }


def test_api_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    for n in range(3):
        factories.HardSkillLinkFactory(career=factories.CareerFactory(title=f"A{n}"))
    with django_assert_num_queries(3):
        client.get("/api/v1/metiers/")
    for n in range(12):
        factories.HardSkillLinkFactory(career=factories.CareerFactory(title=f"B{n}"))
    with django_assert_num_queries(3):
        client.get("/api/v1/metiers/")


# --- The comparison as CSV -------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_comparison_csv_is_a_semicolon_utf8_bom_attachment(client, seed_careers):
    slugs = [career.slug for career in seed_careers[:2]]
    response = client.get("/comparer/export.csv", {"metiers": ",".join(slugs)})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="comparaison-metiers.csv"'
    rows = read_csv(response)
    assert rows[0] == ["Rubrique", "Élément", seed_careers[0].title, seed_careers[1].title]
    rubrics = {row[0] for row in rows[1:]}
    assert {
        "Profil d'épanouissement (%)",
        "Salaire minimum (€)",
        "Hard skills (score sur 100)",
    } <= (rubrics)
    quality = next(row for row in rows if row[1] == "Qualité de vie")
    assert quality[2:] == [
        str(career.fulfilmentscore_set.get(dimension="qualite_de_vie").percent)
        for career in seed_careers[:2]
    ]
    soft_names = {row[1] for row in rows if row[0] == "Soft skills"}
    for career in seed_careers[:2]:
        assert (
            set(
                career.skill_links.filter(skill__kind=SkillKind.SOFT).values_list(
                    "skill__name", flat=True
                )
            )
            <= soft_names
        )


@pytest.mark.parametrize(
    ("query", "status"),
    [({}, 400), ({"metiers": "<script>"}, 400), ({"metiers": "a,b,c,d,e"}, 400)],
)
def test_comparison_csv_bad_selection_is_a_4xx_page(client, query, status):
    assert client.get("/comparer/export.csv", query).status_code == status


def test_comparison_csv_unknown_career_is_a_404(client):
    factories.CareerFactory(slug="connu")
    response = client.get("/comparer/export.csv", {"metiers": "connu,inconnu"})
    assert response.status_code == 404
    assert "inconnu" in response.content.decode()
