"""The comparison page and the tray, as a reader sees them."""

import html
import re

import pytest
from django.utils.text import slugify

from careers.compare_views import PICKER_SHOWN
from careers.models import Career
from careers.tray import SESSION_KEY
from core.selection import MAX_COMPARED
from core.templatetags.formatting import number as grouped
from tests import factories
from tests.careers.test_comparison import (
    CRM_TOOLS,
    LOGISTICS,
    RELATIONS,
    SHARED_CONSTRAINTS,
    SHARED_SOFT,
    SHEETS,
    catalogue_pair,
    make_sheet,
)
from tests.pages import NBSP, without_tokens

URL = "/comparer/"


def text_of(response) -> str:
    """The page as words: tags dropped, entities decoded, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(without_tags).split())


def row_of(response, name: str) -> str:
    """The text of the table row whose heading cell starts with `name`."""
    for row in re.findall(r"<tr[^>]*>.*?</tr>", response.content.decode(), flags=re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S)
        if heading and " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", heading.group(1))).split()
        ).startswith(name):
            return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
    raise AssertionError(f"no row for {name!r}")


def tray_of(response) -> str:
    """The words of the comparison tray only."""
    tray = re.search(
        r'<div id="tray".*?</ul>|<div id="tray"[^>]*></div>', response.content.decode(), re.S
    )
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", tray.group(0))).split())


def euros(amount: int) -> str:
    """An amount as the French locale prints it, once text_of() has collapsed the spaces."""
    return f"{amount:,}".replace(",", " ")


def assert_shows_the_two_catalogue_careers(response):
    assert response.status_code == 200
    page = text_of(response)
    assert page.index(LOGISTICS) < page.index(RELATIONS)
    for name in SHARED_SOFT + SHARED_CONSTRAINTS + CRM_TOOLS:
        assert row_of(response, name).startswith(f"{name} En commun"), name
    assert row_of(response, "Rigueur") == "Rigueur ✓ oui — non"
    assert "En commun" not in row_of(response, "Diplomatie")
    for title in (LOGISTICS, RELATIONS):
        for low, high in SHEETS[title]["salary"]:
            assert f"De {euros(low)} € à {euros(high)} €" in page
            assert f"{euros(low)} – {euros(high)} €" in page
    assert row_of(response, "Qualité de vie") == "Qualité de vie 65 % 65 % 0 point"
    assert row_of(response, "Flexibilité") == "Flexibilité 62 % 60 % 2 points"
    assert row_of(response, "Stimulation") == "Stimulation 77 % 75 % 2 points"
    assert row_of(response, "Relations humaines") == "Relations humaines 83 % 85 % 2 points"
    assert row_of(response, "Carrière") == "Carrière 75 % 75 % 0 point"
    assert row_of(response, "BTS") == "BTS BAC +2 (120 crédits ECTS) BAC +2 (120 crédits ECTS)"
    assert row_of(response, "Total") == "Total 100 missions 100 missions"
    assert "Responsable Import/Export" in page
    assert "Expérience en tant qu’Assistant(e) juridique en droit international" in page
    assert row_of(response, "Chaîne logistique") == "Chaîne logistique 90 — non"


@pytest.mark.django_db
def test_amounts_are_grouped_as_on_the_job_sheet(client):
    logistics, relations = catalogue_pair()

    html = client.get(URL, {"metiers": f"{logistics.slug},{relations.slug}"}).content.decode()

    # Thousands by a narrow no-break space, the sign never alone on a line (the sheet's
    # `euros`); counts and chart coordinates as they are.
    low, high = SHEETS[LOGISTICS]["salary"][0]
    assert f"De {grouped(low)}{NBSP}€ à {grouped(high)}{NBSP}€" in html
    assert f"{grouped(low)} – {grouped(high)}{NBSP}€" in html
    assert re.search(r'<rect class="salary-bar[^>]* x="\d+(\.\d+)?" y="\d+(\.\d+)?"', html)


@pytest.mark.django_db
def test_comparison_of_the_two_catalogue_careers(client):
    logistics, relations = catalogue_pair()

    response = client.get(URL, {"metiers": f"{logistics.slug},{relations.slug}"})

    assert_shows_the_two_catalogue_careers(response)
    page = text_of(response)
    assert "5 soft skills en commun" in page
    assert "0 hard skill en commun" in page
    assert "4 outils en commun" in page
    assert "2 contraintes en commun" in page
    assert (
        "Plus grand écart d'épanouissement : 2 points (Flexibilité, Stimulation, Relations" in page
    )
    assert (
        f"Plus grand écart de salaire : {euros(26000)} € sur le salaire maximum du niveau CONFIRMÉ"
        in page
    )
    assert row_of(response, "Rédaction") == "Rédaction — non 91"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@pytest.mark.django_db
def test_the_chart_draws_every_career_with_its_own_style(client):
    logistics, relations = catalogue_pair()

    body = client.get(URL, {"metiers": f"{logistics.slug},{relations.slug}"}).content.decode()

    assert body.count('class="series-line series-1"') >= 1
    assert body.count('class="series-marker series-2"') >= 5
    assert 'role="img"' in body
    assert "style=" not in body
    # Coordinates are not localised: "12,5" would break the drawing.
    assert not re.search(r'\b(?:x|y|d|width)="[^"]*\d,\d', body)


@pytest.mark.django_db
def test_columns_follow_the_url_order(client):
    logistics, relations = catalogue_pair()

    page = text_of(client.get(URL, {"metiers": f"{relations.slug},{logistics.slug}"}))

    assert page.index(RELATIONS) < page.index(LOGISTICS)


def test_comparison_of_the_real_catalogue(client, catalogue):
    slugs = [slugify(LOGISTICS), slugify(RELATIONS)]
    assert Career.objects.filter(slug__in=slugs).count() == 2

    response = client.get(URL, {"metiers": ",".join(slugs)})

    assert_shows_the_two_catalogue_careers(response)


@pytest.mark.django_db
def test_query_count_is_the_same_for_two_and_four_careers(client, django_assert_num_queries):
    careers = [
        make_sheet(title, SHEETS[title], missions_per_block=2) for title in (LOGISTICS, RELATIONS)
    ]
    careers += [
        make_sheet(f"{title} bis", SHEETS[title], missions_per_block=2)
        for title in (LOGISTICS, RELATIONS)
    ]
    slugs = [career.slug for career in careers]

    # The catalogue's version (the page's key), then the careers and their rows.
    with django_assert_num_queries(9):
        two = client.get(URL, {"metiers": ",".join(slugs[:2])})
    with django_assert_num_queries(9):
        four = client.get(URL, {"metiers": ",".join(slugs)})
    # The same selection again: kept whole, only the version is read.
    with django_assert_num_queries(1):
        again = client.get(URL, {"metiers": ",".join(slugs)})
    assert without_tokens(again.content.decode()) == without_tokens(four.content.decode())

    assert two.status_code == four.status_code == 200
    assert all(career.title in text_of(four) for career in careers)


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_slug_is_a_404_naming_it(client):
    career = factories.CareerFactory()

    response = client.get(URL, {"metiers": f"{career.slug},metier-inconnu"})

    assert response.status_code == 404
    page = text_of(response)
    assert "« metier-inconnu »" in page
    assert f"« {career.slug} »" not in page
    assert 'href="/metiers/"' in response.content.decode()


@pytest.mark.django_db
def test_unpublished_career_is_not_found(client):
    first = factories.CareerFactory()
    hidden = factories.CareerFactory(is_published=False)

    response = client.get(URL, {"metiers": f"{first.slug},{hidden.slug}"})

    assert response.status_code == 404


@pytest.mark.django_db
def test_one_career_is_shown_with_an_invitation_to_add_another(client):
    career = make_sheet(LOGISTICS, SHEETS[LOGISTICS], missions_per_block=1)
    other = factories.CareerFactory(title="Autre métier")

    response = client.get(URL, {"metiers": career.slug})

    assert response.status_code == 200
    page = text_of(response)
    assert "ajoutez-en au moins un autre pour comparer" in page
    assert row_of(response, "Flexibilité") == "Flexibilité 62 %"
    body = response.content.decode()
    assert f'value="{career.slug}" checked' in body
    assert f'value="{other.slug}">' in body
    assert "badge-shared" not in body


@pytest.mark.django_db
def test_more_than_four_is_a_400_with_the_reason(client):
    careers = factories.CareerFactory.create_batch(MAX_COMPARED + 1)

    response = client.get(URL, {"metiers": ",".join(c.slug for c in careers)})

    assert response.status_code == 400
    assert "On compare de 2 à 4 métiers à la fois." in text_of(response)
    assert "Vous en avez demandé 5" in text_of(response)


@pytest.mark.django_db
def test_repeated_slugs_are_deduplicated(client):
    first, second = factories.CareerFactory.create_batch(2)
    repeated = ",".join([first.slug, second.slug, first.slug, second.slug, first.slug])

    response = client.get(URL, {"metiers": repeated})

    assert response.status_code == 200
    assert response.content.decode().count('class="compared-career"') == 2
    assert text_of(response).count(f"{first.title} Retirer") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?metiers=", "?metiers=,,,", "?autre=1"])
def test_empty_parameter_explains_how_to_pick(client, query):
    career = factories.CareerFactory(title="Métier à choisir")

    response = client.get(URL + query)

    assert response.status_code == 200
    page = text_of(response)
    assert "Pour comparer, choisissez de 2 à 4 métiers" in page
    body = response.content.decode()
    assert '<form class="compare-picker" method="get" action="/comparer/">' in body
    assert f'name="metiers" value="{career.slug}"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", ["<script>alert(1)</script>", "%%%", "a,b/c", "x" * 300])
def test_garbage_parameter_is_a_400_that_explains_how_to_pick(client, garbage):
    response = client.get(URL, {"metiers": garbage})

    assert response.status_code == 400
    assert "Pour comparer, choisissez de 2 à 4 métiers" in text_of(response)
    assert "<script>alert" not in response.content.decode()


@pytest.mark.django_db
def test_picker_form_builds_a_working_url(client):
    first, second = factories.CareerFactory.create_batch(2)

    response = client.get(URL, {"metiers": [first.slug, second.slug]})

    assert response.status_code == 200
    assert "Comparaison de métiers" in text_of(response)


@pytest.mark.django_db
def test_the_picker_preselects_the_tray(client):
    first, second = factories.CareerFactory.create_batch(2)
    session = client.session
    session[SESSION_KEY] = [second.slug]
    session.save()

    body = client.get(URL).content.decode()

    assert f'value="{second.slug}" checked' in body
    assert f'value="{first.slug}">' in body


def picked(response) -> list[str]:
    """The slugs the picker offers to tick, in order."""
    return re.findall(r'name="metiers" value="([^"]+)"', response.content.decode())


@pytest.mark.django_db
def test_a_large_catalogue_is_searched_in_the_picker_never_printed_whole(
    client, session_reads, django_assert_num_queries
):
    for number in range(PICKER_SHOWN + 5):
        factories.CareerFactory(title=f"Agent {number:03d}")
    factories.CareerFactory(title="Zoologiste")
    session = client.session
    session[SESSION_KEY] = ["agent-064"]
    session.save()

    response = client.get(URL)
    offered = picked(response)
    assert len(offered) == 1 + PICKER_SHOWN
    assert offered[:3] == ["agent-064", "agent-000", "agent-001"]  # the tray's first, ticked
    assert 'value="agent-064" checked' in response.content.decode()
    assert "Zoologiste" not in text_of(response)
    assert "cherchez-en un pour trouver les autres" in text_of(response)

    # The session, the version, the tray's careers, the search (whether a title matches, the
    # careers found, their appellations), then the visitor's tray (core.http's holes; no
    # message, so no second rendering): the same whatever the catalogue's size.
    with django_assert_num_queries(session_reads + 7):
        found = client.get(URL, {"q": "  zoologiste "})
    assert picked(found) == ["agent-064", "zoologiste"]
    assert 'value="zoologiste">' in found.content.decode()
    assert 'name="q" value="zoologiste"' in found.content.decode()

    nothing = client.get(URL, {"q": "astronaute"})
    assert "Aucun métier ne répond à « astronaute »." in text_of(nothing)


@pytest.mark.django_db
def test_one_career_chosen_searches_for_the_next(client):
    first = factories.CareerFactory(title="Cariste")
    factories.CareerFactory(title="Zoologiste")

    response = client.get(URL, {"metiers": first.slug, "q": "zoologiste"})

    assert "Ajoutez un autre métier" in text_of(response)
    assert picked(response) == [first.slug, "zoologiste"]
    assert f'value="{first.slug}" checked' in response.content.decode()


# --- The tray ---------------------------------------------------------------------------


def add(client, slug, next_url="/metiers/", **headers):
    return client.post(URL + "ajouter/", {"metier": slug, "next": next_url}, headers=headers)


@pytest.mark.django_db
def test_add_without_javascript_redirects_back_and_keeps_the_tray(client):
    career = factories.CareerFactory(title="Métier ajouté")

    response = add(client, career.slug, next_url=f"/metiers/{career.slug}/")

    assert response.status_code == 302
    assert response.url == f"/metiers/{career.slug}/"
    assert client.session[SESSION_KEY] == [career.slug]
    page = text_of(client.get(URL))
    assert "« Métier ajouté » a été ajouté à la comparaison." in page
    assert "Comparaison (1 métier sur 4)" in page


@pytest.mark.django_db
def test_tray_is_on_every_page_with_remove_buttons_and_compare_link(client):
    first, second = factories.CareerFactory.create_batch(2)
    add(client, first.slug)
    add(client, second.slug)

    body = client.get("/").content.decode()

    assert 'id="tray"' in body
    assert 'Comparaison</strong> <span class="tray-count">(2 métiers sur 4)' in body
    assert f'href="/comparer/?metiers={first.slug},{second.slug}">Comparer</a>' in body
    assert body.count('action="/comparer/retirer/"') == 2
    assert 'name="csrfmiddlewaretoken"' in body


@pytest.mark.django_db
def test_unsafe_next_falls_back_to_the_comparison(client):
    career = factories.CareerFactory()

    response = add(client, career.slug, next_url="https://evil.example/")

    assert response.url == URL


@pytest.mark.django_db
def test_add_with_htmx_returns_the_tray_only(client):
    career = factories.CareerFactory(title="Métier htmx")

    response = add(client, career.slug, HX_Request="true")

    assert response.status_code == 200
    body = response.content.decode()
    # The content of the tray only: htmx swaps it inside the live region.
    assert body.lstrip().startswith('<div class="wrap tray-inner">')
    assert 'id="tray"' not in body
    assert "<html" not in body
    assert "« Métier htmx » a été ajouté à la comparaison." in body
    assert 'name="next" value="/metiers/"' in body
    assert client.session[SESSION_KEY] == [career.slug]
    # The message was shown in the tray: it does not come back on the next page.
    assert "a été ajouté" not in text_of(client.get("/"))


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_a_fifth_career_is_refused(client, htmx):
    careers = factories.CareerFactory.create_batch(MAX_COMPARED + 1)
    for career in careers[:MAX_COMPARED]:
        add(client, career.slug)
    headers = {"HX_Request": "true"} if htmx else {}

    response = add(client, careers[-1].slug, **headers)

    expected = (
        "Vous comparez déjà 4 métiers, le maximum : retirez-en un avant d'ajouter "
        f"« {careers[-1].title} »."
    )
    page = text_of(response) if htmx else text_of(client.get(response.url))
    assert expected in page
    assert client.session[SESSION_KEY] == [c.slug for c in careers[:MAX_COMPARED]]


@pytest.mark.django_db
def test_adding_twice_does_nothing(client):
    career = factories.CareerFactory()
    add(client, career.slug)

    add(client, career.slug)

    assert client.session[SESSION_KEY] == [career.slug]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True])
def test_remove(client, htmx):
    first, second = factories.CareerFactory.create_batch(2)
    add(client, first.slug)
    add(client, second.slug)
    headers = {"HX_Request": "true"} if htmx else {}

    response = client.post(
        URL + "retirer/", {"metier": first.slug, "next": "/metiers/"}, headers=headers
    )

    assert client.session[SESSION_KEY] == [second.slug]
    if htmx:
        assert response.status_code == 200
        assert f"« {first.title} » a été retiré de la comparaison." in text_of(response)
        assert f'value="{first.slug}"' not in response.content.decode()
    else:
        assert response.status_code == 302
        assert response.url == "/metiers/"


@pytest.mark.django_db
def test_a_career_removed_from_the_catalogue_leaves_the_tray(client):
    kept, unpublished, deleted = factories.CareerFactory.create_batch(3)
    for career in (kept, unpublished, deleted):
        add(client, career.slug)
    Career.objects.filter(pk=unpublished.pk).update(is_published=False)
    deleted.delete()

    response = client.get("/")

    assert response.status_code == 200
    assert (
        tray_of(response)
        == f"Comparaison (1 métier sur 4) {kept.title} × Retirer « {kept.title} » de la comparaison"
    )


@pytest.mark.django_db
def test_tray_forms_need_post_and_a_career(client):
    assert client.get(URL + "ajouter/").status_code == 405
    response = client.post(URL + "ajouter/", {"next": "/"})
    assert response.status_code == 400
    assert "Aucun métier n'a été indiqué." in text_of(response)
    assert add(client, "metier-inconnu").status_code == 302
    assert "Ce métier n'est pas ou plus disponible." in text_of(client.get("/"))


@pytest.mark.django_db
def test_tray_forms_check_csrf():
    from django.test import Client

    career = factories.CareerFactory()

    response = Client(enforce_csrf_checks=True).post(URL + "ajouter/", {"metier": career.slug})

    assert response.status_code == 403


@pytest.mark.django_db
def test_comparison_offers_its_csv_download(client):
    first, second = factories.CareerFactory(), factories.CareerFactory()

    response = client.get(f"/comparer/?metiers={first.slug},{second.slug}")

    assert f'href="/comparer/export.csv?metiers={first.slug}%2C{second.slug}"' in response.text
