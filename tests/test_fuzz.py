"""No input makes a public URL answer 5xx: random query strings, paths and methods.

The real catalogue is loaded once for the module, so the fuzzed pages show
real sheets. Hypothesis keeps no example database (`database=None`): runs
stay bounded and leave nothing in the working tree.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.models import Career
from certifications.models import Certification, NsfCode
from skills.models import RomeCode, Skill, ToolFamily
from tests.conftest import load_catalogue

CAREER = "assistante-logistique-internationale"
OTHER_CAREER = "chargee-de-mission-relations-internationales"
CERTIFICATION = "rncp-14528-manager-operations-logistiques-internationales"
SKILL = "rigueur"

PAGES = [
    "/",
    "/metiers/",
    f"/metiers/{CAREER}/",
    f"/metiers/{CAREER}.json",
    "/certifications/",
    f"/certifications/{CERTIFICATION}/",
    f"/certifications/{CERTIFICATION}.json",
    "/certifications/comparer/",
    "/competences/",
    f"/competences/{SKILL}/",
    "/comparer/",
    "/comparer/export.csv",
    "/orientation/",
    "/orientation/choix/",
    f"/metiers/{CAREER}/vers/{OTHER_CAREER}/",
    "/recherche/",
    "/recherche/suggestions/",
    "/donnees-ouvertes/",
    "/donnees-ouvertes/metiers.json",
    "/donnees-ouvertes/certifications.csv",
    "/api/v1/metiers/",
    f"/api/v1/metiers/{CAREER}/",
    "/api/v1/certifications/",
    f"/api/v1/certifications/{CERTIFICATION}/",
    "/api/v1/competences/",
    "/api/v1/orientation/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]
POST_ONLY = ["/comparer/ajouter/", "/comparer/retirer/"]
PREFIXES = [
    "/",
    "/metiers/",
    "/certifications/",
    "/competences/",
    "/comparer/",
    "/orientation/",
    "/recherche/",
    "/api/v1/",
    "/api/v1/metiers/",
    "/donnees-ouvertes/",
]
KNOWN_KEYS = [
    "q",
    "page",
    "par_page",
    "tri",
    "niveau",
    "type",
    "kind",
    "nsf",
    "rome",
    "soft",
    "hard",
    "outil",
    "contrainte",
    "salaire_min",
    "score_min",
    "epanouissement",
    "metiers",
    "codes",
    "format",
    "next",
    "competence",
    "contrainte",
    "qualite_de_vie",
    "flexibilite",
    "stimulation",
    "relations_humaines",
    "carriere",
    "chercher",
    "chercher_contrainte",
    "liste",
    "page_size",
]
ODD_VALUES = [
    "",
    "0",
    "-1",
    "²",
    "١٢٣",
    "1e309",
    "NaN",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "9" * 5000,
    CAREER,
    f"{CAREER},{OTHER_CAREER}",
    f"{CAREER},{CAREER},{CAREER},{CAREER},{CAREER},{CAREER}",
    "RNCP 14528",
    "TP-00523",
    "\x00",
    "a" * 5000,
    "é" * 2000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "//evil.example/",
    "https://evil.example/",
]
# Already percent-encoded: invalid UTF-8, a UTF-8-encoded lone surrogate, NUL, CR LF…
RAW_PIECES = [
    "%00",
    "%ED%A0%80",
    "%ED%BF%BF",
    "%FF%FE",
    "%C3%28",
    "%E2%82",
    "%C0%AF",
    "%F0%9F%92%A9",
    "%25",
    "%2F..%2F",
    "%0D%0A",
    "%EF%BF%BF",
    "+",
    "&",
    "=",
    ";",
]

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def encoded(text: str) -> str:
    return quote(text, safe="")


raw_value = st.lists(st.sampled_from(RAW_PIECES), min_size=1, max_size=6).map("".join)
value = st.one_of(
    st.sampled_from(ODD_VALUES).map(encoded),
    st.text(max_size=40).map(encoded),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    raw_value,
    st.tuples(st.text(max_size=10), raw_value).map(lambda pair: encoded(pair[0]) + pair[1]),
)
key = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=20)).map(encoded)
query_string = st.lists(st.tuples(key, value), max_size=8).map(
    lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)
)
segment = st.one_of(
    st.text(min_size=1, max_size=60).map(encoded),
    raw_value,
    st.sampled_from(["..", "%2e%2e", "a" * 3000, "index.php", "x.json", ".env"]),
)


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """The seed catalogue, loaded once; removed after, so other modules start empty."""
    with django_db_blocker.unblock():
        load_catalogue()
        yield
        Career.objects.all().delete()
        Certification.objects.all().delete()
        for model in (Skill, ToolFamily, NsfCode, RomeCode):
            model.objects.all().delete()


@pytest.fixture
def browser(db, catalogue):
    # Views must answer; an exception must become a 500 for us to see, not escape.
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


def assert_answered(response, request: str) -> None:
    assert response.status_code < 500, f"{request} → {response.status_code}"
    if response.status_code >= 400 and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode()
        assert '<html lang="fr">' in html, f"{request}: error page not in French"


# Pages that need a selection to answer 200 (without one they explain what to pick).
SELECTIONS = {
    "/comparer/export.csv": {"metiers": f"{CAREER},{OTHER_CAREER}"},
    "/orientation/choix/": {"liste": "competence"},
}


@pytest.mark.parametrize("page", PAGES)
def test_known_pages_answer(browser, page):
    response = browser.get(page, SELECTIONS.get(page))
    assert response.status_code == 200, page


@given(page=st.sampled_from(PAGES), query=query_string)
@HYPOTHESIS
def test_random_query_strings_never_crash_a_page(browser, page, query):
    url = f"{page}?{query}"
    assert_answered(browser.get(url), url)


@given(page=st.sampled_from(PAGES), query=query_string)
@settings(HYPOTHESIS, max_examples=15)
def test_htmx_requests_with_random_query_strings_never_crash(browser, page, query):
    url = f"{page}?{query}"
    assert_answered(browser.get(url, headers={"HX-Request": "true"}), url)


@given(prefix=st.sampled_from(PREFIXES), parts=st.lists(segment, min_size=1, max_size=3))
@HYPOTHESIS
def test_random_paths_never_crash(browser, prefix, parts):
    url = prefix + "/".join(parts) + "/"
    response = browser.get(url)
    assert_answered(response, url)


@given(
    page=st.sampled_from(PAGES + POST_ONLY),
    method=st.sampled_from(["post", "put", "patch", "delete", "options"]),
    body=st.dictionaries(key, value, max_size=4),
)
@settings(HYPOTHESIS, max_examples=40)
def test_bad_methods_and_forms_without_csrf_are_refused(browser, page, method, body):
    response = getattr(browser, method)(page, body)
    assert_answered(response, f"{method.upper()} {page}")
    if method != "options":
        assert response.status_code in {403, 404, 405}, f"{method.upper()} {page}"


@given(field=st.sampled_from(["metier", "next"]), raw=value, ajax=st.booleans())
@settings(HYPOTHESIS, max_examples=25)
def test_comparison_tray_forms_with_random_values_never_crash(db, catalogue, field, raw, ajax):
    client = Client(raise_request_exception=False)
    headers = {"HX-Request": "true"} if ajax else {}
    for path in POST_ONLY:
        response = client.post(
            path,
            f"{field}={raw}",
            content_type="application/x-www-form-urlencoded",
            headers=headers,
        )
        assert_answered(response, f"POST {path} {field}={raw}")


def test_odd_page_numbers_never_crash(browser):
    for page in ["/metiers/", "/certifications/", "/api/v1/metiers/", "/api/v1/certifications/"]:
        for number in ["999999", "-5", "0", "1" * 400, "9" * 5000, "²"]:
            response = browser.get(page, {"page": number})
            assert_answered(response, f"{page}?page={number}")
