"""Conditional GETs and Cache-Control on the pages (config/http.py)."""

import hashlib

import pytest
from django.urls import reverse

from core.http import page_etag, without_csrf_tokens
from tests.factories import CareerFactory

pytestmark = pytest.mark.django_db

TOKEN_A = "a" * 64
TOKEN_B = "B1" * 32


def etag(content: bytes, csrf_secret: str) -> str:
    return page_etag(hashlib.sha256(without_csrf_tokens(content)).digest(), csrf_secret)


def test_etag_ignores_the_masked_csrf_tokens_but_not_the_secret():
    page = (
        '<body hx-headers=\'{{"X-CSRFToken": "{}"}}\'><p>Logistique</p>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}"></body>'
    )
    with_a, with_b = page.format(TOKEN_A, TOKEN_A).encode(), page.format(TOKEN_B, TOKEN_B).encode()
    assert etag(with_a, "s1") == etag(with_b, "s1")
    assert etag(with_a, "s1") != etag(with_a, "s2")
    assert etag(b"<p>Logistique</p>", "s1") != etag(b"<p>Transport</p>", "s1")


@pytest.mark.parametrize(
    "url", [reverse("home"), reverse("search") + "?q=logistique", reverse("careers:list")]
)
def test_unchanged_page_answers_304_to_if_none_match(client, url):
    CareerFactory(title="Assistant logistique")
    first = client.get(url)
    assert first.status_code == 200
    second = client.get(url)
    assert second["ETag"] == first["ETag"]
    conditional = client.get(url, headers={"if-none-match": first["ETag"]})
    assert conditional.status_code == 304
    assert conditional.content == b""


def test_changed_page_answers_200_with_a_new_etag(client):
    first = client.get(reverse("home"))
    CareerFactory()
    again = client.get(reverse("home"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_pages_are_private_and_revalidated(client):
    response = client.get(reverse("home"))
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-cache" in cache_control
    assert "public" not in cache_control


def test_health_check_keeps_its_own_cache_control(client):
    response = client.get(reverse("healthz"))
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_unknown_page_stays_a_404_whatever_the_if_none_match(client):
    response = client.get("/metiers/cette-fiche-n-existe-pas/", headers={"if-none-match": "*"})
    assert response.status_code == 404
