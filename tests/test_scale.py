"""Every public page runs the same number of queries with 5 and with 500 careers.

The catalogue is filled by the synthetic generator (careers/synthetic.py);
counts are taken once per size in a module fixture whose data is rolled back.
"""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import Career, CareerSkill
from careers.synthetic import seed_synthetic
from certifications.models import Certification
from skills.models import SkillKind

# The mark makes pytest-django create the test database; the fixture writes to it.
pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 500
PAGES = [
    "home",
    "career list",
    "filtered career list",
    "job sheet",
    "comparison of 4",
    "certification list",
    "certification page",
    "skill list",
    "skill page",
    "search",
    "orientation",
    "transition",
]


def page_urls() -> dict[str, str]:
    """One URL per page, built from the first synthetic rows (the same at both sizes)."""
    careers = list(Career.objects.order_by("pk")[:4])
    first = careers[0]
    soft = CareerSkill.objects.filter(career=first, skill__kind=SkillKind.SOFT).first().skill
    filters = {
        "q": first.title.split()[1],
        "soft": soft.slug,
        "niveau": "BAC +3",
        "salaire_min": 15000,
        "epanouissement": "stimulation",
        "score_min": 10,
        "tri": "salaire",
    }
    certification = Certification.objects.order_by("pk").first()
    # A student with the first career's five skills (2 hard, 2 soft, a tool) and weights.
    links = CareerSkill.objects.filter(career=first).select_related("skill").order_by("position")
    picked = [
        link.skill.slug
        for kind, count in ((SkillKind.HARD, 2), (SkillKind.SOFT, 2), (SkillKind.TOOL, 1))
        for link in [link for link in links if link.skill.kind == kind][:count]
    ]
    profile = [("competence", slug) for slug in picked] + [
        ("qualite_de_vie", 3),
        ("stimulation", 2),
        ("niveau", 3),
        ("salaire_min", 24000),
    ]
    return {
        "home": reverse("home"),
        "career list": reverse("careers:list"),
        "filtered career list": f"{reverse('careers:list')}?{urlencode(filters)}",
        "job sheet": first.get_absolute_url(),
        "comparison of 4": f"{reverse('compare:careers')}?metiers="
        + ",".join(c.slug for c in careers),
        "certification list": reverse("certifications:list"),
        "certification page": certification.get_absolute_url(),
        "skill list": reverse("skills:list"),
        "skill page": soft.get_absolute_url(),
        # Every synthetic title says "synthétique": each kind matches (or not) at both sizes,
        # since a kind with no exact match costs one more query (the typo lookup) on SQLite.
        "search": f"{reverse('search')}?q=synthetiques",
        "orientation": f"{reverse('orientation:page')}?{urlencode(profile)}",
        "transition": reverse("orientation:transition", args=[first.slug, careers[1].slug]),
    }


def refresh_planner_statistics() -> None:
    """Bulk inserts leave PostgreSQL's statistics empty until autovacuum passes: without
    them it may plan the filtered list's facets as nested loops over every link."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(status, number of queries) per page, each page rendered afresh."""
    refresh_planner_statistics()
    cache.clear()  # the job sheet's body is cached: measure its full render at both sizes
    client = Client()
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = (response.status_code, len(queries))
    return counts


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_synthetic(careers=SMALL, certifications=SMALL, seed=1)
        urls = page_urls()
        small = measure(urls)
        seed_synthetic(careers=LARGE - SMALL, certifications=LARGE - SMALL, seed=1)
        large = measure(urls)
        transaction.set_rollback(True)
    return small, large


@pytest.mark.parametrize("page", PAGES)
def test_page_answers_at_both_sizes(counts, page):
    small, large = counts
    assert small[page][0] == 200
    assert large[page][0] == 200


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_catalogue(counts, page):
    small, large = counts
    assert large[page][1] == small[page][1], (
        f"{page}: {small[page][1]} queries with {SMALL} careers, {large[page][1]} with {LARGE}"
    )
