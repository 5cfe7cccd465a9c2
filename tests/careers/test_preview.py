"""A staff preview of an unpublished job sheet (careers.views, core.http.render_preview).

The public gets a 404; staff allowed to view careers get the page with a
banner, never indexed, never stored by any cache, and never served to anyone
else from the site's own page cache.
"""

import pytest
from django.core.cache import cache as django_cache

from careers.models import Career
from core import cache
from tests.adminpages import admin_url
from tests.careers.test_sheet import build_sheet
from tests.pages import text_of

pytestmark = pytest.mark.django_db

BANNER = "Aperçu : cette fiche n'est pas publiée."
NOINDEX = '<meta name="robots" content="noindex, nofollow">'


@pytest.fixture
def draft() -> Career:
    career = build_sheet("Cariste export")
    career.is_published = False
    career.save()
    return career


def assert_preview(response) -> None:
    assert response.status_code == 200
    assert BANNER in text_of(response)
    assert NOINDEX in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}


def test_the_public_gets_a_404(client, draft):
    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "Cariste export" not in text_of(response)


def test_staff_without_the_view_permission_gets_a_404(staff_client, draft):
    assert staff_client.get(draft.get_absolute_url()).status_code == 404


def test_an_editor_sees_the_sheet_with_a_banner_never_indexed_nor_stored(editor_client, draft):
    response = editor_client.get(draft.get_absolute_url())

    assert_preview(response)
    page = text_of(response)
    assert "Cariste export" in page
    assert "Mission 1-1" in page
    assert "Ajouter à la comparaison" not in page  # the tray takes published careers only


def test_the_preview_costs_a_pinned_number_of_queries(
    editor_client, draft, session_reads, django_assert_num_queries
):
    editor_client.get("/")  # the session and the CSRF cookie, as on any second page
    # The sheet's (tests/careers/test_sheet.py), plus the published career looked for first,
    # the session, the user and their permissions (their own, their groups').
    with django_assert_num_queries(session_reads + 22):
        assert_preview(editor_client.get(draft.get_absolute_url()))


def test_a_preview_is_never_cached_nor_served_to_anyone_else(client, editor_client, draft):
    url = draft.get_absolute_url()

    assert_preview(editor_client.get(url))

    assert client.get(url).status_code == 404
    absolute = f"http://testserver{url}"
    assert django_cache.get(cache.key("sheet-page", draft.slug, absolute)) is None
    assert django_cache.get(cache.key("sheet-parts", draft.pk, absolute)) is None
    assert client.get(url).status_code == 404


def test_a_published_sheet_shows_no_banner_to_staff(editor_client, client):
    career = build_sheet("Cariste export")

    response = editor_client.get(career.get_absolute_url())

    assert BANNER not in text_of(response)
    assert NOINDEX not in response.content.decode()
    assert "no-store" not in response["Cache-Control"]
    assert BANNER not in text_of(client.get(career.get_absolute_url()))


def test_the_change_form_links_to_the_preview_until_published(admin_client, draft):
    page = text_of(admin_client.get(admin_url(Career, "change", draft.pk)))
    assert "Aperçu (non publiée)" in page
    assert "Voir sur le site" not in page

    draft.is_published = True
    draft.save()

    page = text_of(admin_client.get(admin_url(Career, "change", draft.pk)))
    assert "Voir sur le site" in page
    assert "Aperçu (non publiée)" not in page
