"""Security headers on every kind of response, French error pages, production settings."""

import json
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from careers.models import SectionKind
from tests.factories import (
    CareerFactory,
    CareerSectionFactory,
    CareerSkillFactory,
    CertificationFactory,
    CompetenceFactory,
    ComponentFactory,
    FaqEntryFactory,
    MissionBlockFactory,
    MissionFactory,
    SkillFactory,
)

ROOT = Path(__file__).resolve().parents[2]

REQUIRED_CSP = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
]


def assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    for directive in REQUIRED_CSP:
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.django_db
def test_public_page_carries_security_headers(client):
    assert_security_headers(client.get("/"))


@pytest.mark.django_db
def test_job_sheet_carries_security_headers(client):
    career = CareerFactory()
    response = client.get(career.get_absolute_url())
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.django_db
def test_admin_pages_carry_security_headers(client):
    assert_security_headers(client.get("/admin/login/"))
    admin = User.objects.create_superuser("chef", "chef@example.org", "motdepasse-solide-42")
    client.force_login(admin)
    response = client.get("/admin/careers/career/add/")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.django_db
def test_not_found_page_is_french_and_carries_headers(client):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert_security_headers(response)


@pytest.mark.django_db
def test_htmx_partial_carries_security_headers(client):
    response = client.get("/recherche/suggestions/", {"q": "log"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert_security_headers(response)


@pytest.mark.django_db
def test_plain_text_responses_carry_headers(client):
    assert_security_headers(client.get("/robots.txt"))


@pytest.mark.django_db
def test_wrong_method_gets_a_french_405_page(client):
    response = client.post("/")
    assert response.status_code == 405
    html = response.content.decode()
    assert "Action impossible sur cette page" in html
    assert "Retour à l'accueil" in html
    assert response["Allow"] == "GET, HEAD"
    assert_security_headers(response)


@pytest.mark.django_db
def test_delete_on_a_list_gets_a_french_405_page(client):
    response = client.delete("/metiers/")
    assert response.status_code == 405
    assert "Action impossible" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_gets_a_french_403_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/comparer/ajouter/", {"slug": "logisticien"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulaire expiré" in html
    assert "Rechargez la page" in html
    assert_security_headers(response)


@pytest.mark.django_db
def test_bad_host_gets_a_french_400_page():
    response = Client(raise_request_exception=False).get("/", headers={"Host": "pirate.example"})
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_query_string_gets_a_french_400_page(client):
    response = client.get("/recherche/?q=logistique%00")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
    assert_security_headers(response)


@pytest.mark.django_db
def test_nul_in_a_form_gets_a_french_400_page(client):
    response = client.post("/comparer/ajouter/", {"metier": "logisticien\x00"})
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()


def random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(64))


def run_with_production_settings(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """Settings are read once per process: production ones need a fresh interpreter."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": random_secret_key(),
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_checks_pass_in_production():
    result = run_with_production_settings(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION_HEADERS = """
import django
django.setup()
from django.test import Client
response = Client().get("/robots.txt", secure=True, headers={"Host": "example.org"})
for name in ("Strict-Transport-Security", "Content-Security-Policy", "Permissions-Policy"):
    print(f"{name}: {response.headers.get(name, '')}")
print("redirect:", Client().get("/robots.txt", headers={"Host": "example.org"}).status_code)
"""


def test_production_sends_hsts_and_redirects_to_https():
    result = run_with_production_settings("-c", PRODUCTION_HEADERS)
    assert result.returncode == 0, result.stderr
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in (
        result.stdout
    )
    assert "Content-Security-Policy: default-src 'self'" in result.stdout
    assert "redirect: 301" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings("manage.py", "check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/robots.txt", secure=True)


# --- Escaping: what an admin types is shown as text everywhere, JSON-LD included ---------

SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)


@pytest.fixture
def trap(db):
    """Content whose every admin-typed text carries markup that must stay text."""
    skill = SkillFactory(name=f"Rigueur {IMG}", slug="rigueur-piege")
    career = CareerFactory(
        title=f"Logisticien {SCRIPT}",
        slug="logisticien-piege",
        summary=f"Organiser les flux {IMG} au quotidien.",
    )
    CareerSectionFactory(career=career, kind=SectionKind.MISSIONS, heading=f"Missions {SCRIPT}")
    MissionFactory(block=MissionBlockFactory(career=career), text=f"Planifier {IMG}")
    CareerSectionFactory(career=career, kind=SectionKind.FAQ, heading="Questions")
    FaqEntryFactory(career=career, question=f"Pourquoi {SCRIPT} ?", answer=f"Parce que {IMG}.")
    CareerSectionFactory(career=career, kind=SectionKind.SOFT_SKILLS, heading="Soft skills")
    CareerSkillFactory(career=career, skill=skill, description=f"Être précis {IMG}")
    other = CareerFactory(title="Magasinier", slug="magasinier")
    certification = CertificationFactory(
        title=f"Titre logistique {SCRIPT}",
        slug="titre-piege",
        code="RNCP 99999",
        summary=f"Résumé {IMG}",
        certifying_body=f"Organisme {SCRIPT}",
    )
    CompetenceFactory(
        component=ComponentFactory(certification=certification, title=f"Bloc {IMG}"),
        text=f"Compétence {SCRIPT}",
    )
    return {"career": career, "other": other, "certification": certification, "skill": skill}


def assert_shown_as_text(html: str, *, expect_shown: bool = True) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    for attributes, body in SCRIPT_TAG.findall(html):
        if "application/ld+json" in attributes:
            json.loads(body)  # still valid JSON: nothing broke out of it
        else:
            assert "src=" in attributes and not body.strip(), "an inline script appeared"
    if expect_shown:
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;/script&gt;" in html


def json_ld_blocks(html: str) -> list:
    return [json.loads(body) for attrs, body in SCRIPT_TAG.findall(html) if "ld+json" in attrs]


def test_job_sheet_escapes_admin_content(client, trap):
    response = client.get("/metiers/logisticien-piege/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_shown_as_text(html)
    assert "Planifier &lt;img src=x onerror=alert(1)&gt;" in html
    blocks = json_ld_blocks(html)
    assert blocks, "the job sheet has JSON-LD"
    assert SCRIPT in json.dumps(blocks, ensure_ascii=False)  # faithful once parsed


def test_career_list_card_escapes_admin_content(client, trap):
    html = client.get("/metiers/").content.decode()
    assert_shown_as_text(html)
    assert "Logisticien &lt;/script&gt;" in html


def test_certification_page_escapes_admin_content(client, trap):
    response = client.get("/certifications/titre-piege/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_shown_as_text(html)
    assert "Titre logistique &lt;/script&gt;" in html
    blocks = json_ld_blocks(html)
    assert blocks, "the certification page has JSON-LD"
    assert SCRIPT in json.dumps(blocks, ensure_ascii=False)


def test_certification_list_escapes_admin_content(client, trap):
    html = client.get("/certifications/").content.decode()
    assert_shown_as_text(html)
    assert "Titre logistique &lt;/script&gt;" in html


def test_skill_page_escapes_admin_content(client, trap):
    response = client.get("/competences/rigueur-piege/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_shown_as_text(html)
    assert "Rigueur &lt;img src=x onerror=alert(1)&gt;" in html
    assert "Logisticien &lt;/script&gt;" in html


def test_skill_list_escapes_admin_content(client, trap):
    assert_shown_as_text(client.get("/competences/").content.decode())


def test_career_comparison_escapes_admin_content(client, trap):
    response = client.get("/comparer/", {"metiers": "logisticien-piege,magasinier"})
    assert response.status_code == 200
    html = response.content.decode()
    assert_shown_as_text(html)
    assert "Logisticien &lt;/script&gt;" in html


def test_certification_comparison_escapes_admin_content(client, trap):
    other = CertificationFactory(slug="autre-titre")
    response = client.get("/certifications/comparer/", {"codes": f"titre-piege,{other.slug}"})
    assert response.status_code == 200
    assert_shown_as_text(response.content.decode())


def test_search_results_escape_admin_content(client, trap):
    html = client.get("/recherche/", {"q": "logisticien"}).content.decode()
    assert_shown_as_text(html)
    assert "Logisticien &lt;/script&gt;" in html


def test_search_suggestions_escape_admin_content(client, trap):
    html = client.get(
        "/recherche/suggestions/", {"q": "logisticien"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert_shown_as_text(html)


def test_comparison_tray_escapes_admin_content(client, trap):
    client.post("/comparer/ajouter/", {"metier": "logisticien-piege"})
    html = client.get("/").content.decode()
    assert_shown_as_text(html)
    assert "Logisticien &lt;/script&gt;" in html


def test_home_escapes_admin_content(client, trap):
    assert_shown_as_text(client.get("/").content.decode(), expect_shown=False)
