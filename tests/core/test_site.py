"""Absolute links come from SITE_URL: a forged Host header (among ALLOWED_HOSTS) changes none."""

import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from core.site import slug_path
from tests import factories

SITE = "https://orientation.example.org"
FORGED = "pirate.example"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')

pytestmark = pytest.mark.django_db


@pytest.fixture
def forged(settings, client):
    """A client whose every request names a host that is allowed but is not the site's."""
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, FORGED]

    def get(path: str, **params):
        response = client.get(path, params, headers={"Host": FORGED})
        assert response.status_code == 200, path
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode()
        assert FORGED not in text, path
        return text

    return get


def test_pages_name_the_site_url_in_canonical_and_json_ld(forged):
    career = factories.CareerFactory(title="Logisticien")
    certification = factories.CertificationFactory(title="Manager des opérations")
    skill = factories.SkillFactory(name="Communication")

    for path in (career.get_absolute_url(), certification.get_absolute_url()):
        page = forged(path)
        assert CANONICAL.search(page)[1] == SITE + path
        assert json.loads(JSON_LD.search(page)[1])["url"] == SITE + path
    assert CANONICAL.search(forged(skill.get_absolute_url()))[1] == SITE + skill.get_absolute_url()
    assert CANONICAL.search(forged("/"))[1] == SITE + "/"
    # A page without a canonical of its own: base.html's, the whole path.
    assert CANONICAL.search(forged("/metiers/", q="logistique"))[1] == (
        SITE + "/metiers/?q=logistique"
    )


def test_sitemap_and_robots_name_the_site_url(forged):
    career = factories.CareerFactory(title="Logisticien")

    sitemap = forged("/sitemap.xml")
    robots = forged("/robots.txt")

    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert f"{SITE}{career.get_absolute_url()}" in locations
    assert all(location.startswith(SITE + "/") for location in locations)
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.splitlines()


def test_api_and_downloads_name_the_site_url(forged):
    for number in range(3):
        factories.CareerFactory(title=f"Métier {number}")
    skill = factories.SkillFactory(name="Communication")

    listing = json.loads(forged("/api/v1/metiers/", page_size=1))
    card = listing["results"][0]
    slug = card["slug"]
    assert listing["next"] == f"{SITE}/api/v1/metiers/?page_size=1&page=2"
    assert card["url"] == f"{SITE}/metiers/{slug}/"
    assert card["json_url"] == f"{SITE}/metiers/{slug}.json"
    assert card["api_url"] == f"{SITE}/api/v1/metiers/{slug}/"
    assert json.loads(forged("/api/v1/competences/"))["results"][0]["url"] == (
        SITE + skill.get_absolute_url()
    )
    assert json.loads(forged("/donnees-ouvertes/metiers.json"))["source"] == (
        f"{SITE}/donnees-ouvertes/"
    )
    assert f"{SITE}/metiers/{slug}/" in forged("/donnees-ouvertes/metiers.csv")


@pytest.mark.parametrize(
    ("name", "slugs"),
    [
        ("careers:detail", ["cariste-export"]),
        ("skills:detail", ["c_2-sharp"]),
        ("certifications:detail", ["rncp-36481"]),
        ("orientation:transition", ["agent-de-quai", "cariste"]),
        ("careers:list", []),
        ("home", []),
    ],
)
def test_slug_path_is_what_reverse_gives(name, slugs):
    assert slug_path(name, *slugs) == reverse(name, args=slugs)


def test_the_slug_url_tag_prints_what_the_url_tag_prints():
    source = (
        "{% load site %}{% slug_url 'careers:list' %} "
        "{% slug_url 'orientation:transition' origin target %} "
        "{% slug_url 'home' as home %}[{{ home }}]"
    )
    context = Context({"origin": "agent-de-quai", "target": "cariste"})
    assert Template(source).render(context) == Template(source.replace("slug_url", "url")).render(
        context
    )
    assert Template(source).render(context) == (
        "/metiers/ /metiers/agent-de-quai/vers/cariste/ [/]"
    )


def test_slug_path_follows_the_script_prefix():
    try:
        set_script_prefix("/orientation-pro/")
        assert slug_path("careers:detail", "cariste") == "/orientation-pro/metiers/cariste/"
    finally:
        set_script_prefix("/")
    assert slug_path("careers:detail", "cariste") == "/metiers/cariste/"
