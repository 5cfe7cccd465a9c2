"""A page whose slug an editor changes keeps answering at its old address (core.redirects).

The old address of a career, a certification or a skill — page, JSON twin and
API — answers 301 to the new one; the sitemap lists the current addresses only.
"""

import pytest
from django.conf import settings

from careers.models import Career
from certifications.models import Certification
from skills.models import Skill
from tests import factories as f
from tests.adminpages import resubmit

pytestmark = pytest.mark.django_db

# For each kind of page: how to make one, and its addresses (page, JSON twin, API) by slug.
KINDS = {
    "career": (
        lambda: f.CareerFactory(title="Agent de transit", slug="agent-de-transit"),
        Career,
        ["/metiers/{}/", "/metiers/{}.json", "/api/v1/metiers/{}/"],
    ),
    "certification": (
        lambda: f.CertificationFactory(title="Déclarant en douane", slug="declarant-en-douane"),
        Certification,
        ["/certifications/{}/", "/certifications/{}.json", "/api/v1/certifications/{}/"],
    ),
    "skill": (
        lambda: f.SkillFactory(name="Écoute active", slug="ecoute-active"),
        Skill,
        ["/competences/{}/"],
    ),
}
BY_KIND = pytest.mark.parametrize(("build", "model", "addresses"), KINDS.values(), ids=KINDS)


@BY_KIND
def test_an_address_changed_in_the_admin_answers_301_to_the_new_one(
    admin_client, client, build, model, addresses
):
    obj = build()
    old = obj.slug

    resubmit(admin_client, model, obj, slug="nouvelle-adresse")

    for address in addresses:
        response = client.get(address.format(old))
        assert response.status_code == 301, address
        assert response["Location"].endswith(address.format("nouvelle-adresse"))
        assert client.get(address.format("nouvelle-adresse")).status_code == 200


@BY_KIND
def test_an_address_changed_twice_leads_straight_to_the_last(client, build, model, addresses):
    obj = build()
    first = obj.slug
    for slug in ("deuxieme", "troisieme"):
        obj.slug = slug
        obj.save()

    for old in (first, "deuxieme"):
        response = client.get(addresses[0].format(old))
        assert (response.status_code, response["Location"]) == (
            301,
            addresses[0].format("troisieme"),
        )


@BY_KIND
def test_an_address_given_back_answers_again_and_the_other_one_leads_to_it(
    client, build, model, addresses
):
    obj = build()
    first = obj.slug
    obj.slug = "provisoire"
    obj.save()
    obj.slug = first
    obj.save()

    assert client.get(addresses[0].format(first)).status_code == 200
    assert client.get(addresses[0].format("provisoire"))["Location"] == addresses[0].format(first)


def test_an_unknown_address_is_still_a_404(client):
    assert client.get("/metiers/jamais-vue/").status_code == 404
    assert client.get("/api/v1/metiers/jamais-vue/").status_code == 404


def test_a_former_address_of_an_unpublished_career_is_a_404(client):
    career = f.CareerFactory(slug="ancienne")
    career.slug = "nouvelle"
    career.is_published = False
    career.save()

    assert client.get("/metiers/ancienne/").status_code == 404


def test_the_sitemap_lists_current_addresses_only(client):
    objects = [build() for build, _model, _addresses in KINDS.values()]
    olds = [obj.get_absolute_url() for obj in objects]
    for obj in objects:
        obj.slug = f"{obj.slug}-bis"
        obj.save()

    sitemap = client.get("/sitemap.xml").content.decode()

    for obj, old in zip(objects, olds, strict=True):
        assert f"<loc>{settings.SITE_URL}{obj.get_absolute_url()}</loc>" in sitemap
        assert f"<loc>{settings.SITE_URL}{old}</loc>" not in sitemap
