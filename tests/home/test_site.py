import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from config import urls as root_urls
from tests.factories import CareerFactory, CertificationFactory, SkillFactory


@pytest.mark.django_db
def test_sitemap_lists_every_public_page(client):
    career = CareerFactory(title="Assistant logistique")
    hidden_career = CareerFactory(title="Brouillon", is_published=False)
    certification = CertificationFactory(title="Manager des opérations")
    hidden_certification = CertificationFactory(title="Retirée", is_published=False)
    skill = SkillFactory(name="Communication")

    response = client.get("/sitemap.xml")

    content = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    for path in (
        "/",
        reverse("orientation:page"),
        reverse("careers:list"),
        reverse("certifications:list"),
        reverse("skills:list"),
        career.get_absolute_url(),
        certification.get_absolute_url(),
        skill.get_absolute_url(),
    ):
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in content
    assert hidden_career.get_absolute_url() not in content
    assert hidden_certification.get_absolute_url() not in content


def test_robots_txt_points_to_the_sitemap_and_hides_private_areas(client):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/nulle-part/", "/metiers/inconnu/x/", "/certifications/%C3%A9/"])
def test_unknown_urls_get_the_french_404_page(client, settings, path):
    settings.DEBUG = False

    response = client.get(path)

    text = html.unescape(response.content.decode())
    assert response.status_code == 404
    assert '<html lang="fr">' in text
    assert "Page introuvable" in text
    assert "Cette page n'existe pas ou a été déplacée." in text
    assert text.count("<h1") == 1


def test_server_errors_get_the_french_500_page(settings):
    settings.DEBUG = False
    assert root_urls.handler500 == "core.errors.server_error"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(root_urls.urlpatterns[0], "callback", _explode)
        response = Client(raise_request_exception=False).get("/")

    text = html.unescape(response.content.decode())
    assert response.status_code == 500
    assert '<html lang="fr">' in text
    assert "Erreur du serveur" in text
    assert "Un problème est survenu de notre côté." in text


def _explode(request):
    raise RuntimeError("boom")


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "certifications:list", "skills:list"])
def test_every_page_has_a_title_description_and_canonical(client, url_name):
    content = client.get(reverse(url_name)).content.decode()

    assert "<title>" in content
    assert '<meta name="description" content="' in content
    assert f'<link rel="canonical" href="{settings.SITE_URL}/' in content
