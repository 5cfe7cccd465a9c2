"""Ranked search (skills/search.py): the same top results on SQLite and PostgreSQL."""

import pytest

from careers.models import Appellation, Career
from careers.querysets import CAREER_SEARCH
from certifications.models import Certification
from core.search import best_and_count, highlight, ranked_page, ranked_search, tsquery_text
from core.text import normalise, stem, terms
from skills.models import Skill, SkillKind
from tests.factories import CareerFactory, CertificationFactory, SkillFactory

pytestmark = pytest.mark.django_db


def career(title: str, summary: str, body: str = "") -> Career:
    return CareerFactory(
        title=title, summary=summary, search_text=normalise(f"{title} {summary} {body}")
    )


@pytest.fixture
def careers():
    return {
        "logistics": career(
            "Assistant(e) logistique internationale",
            "Coordonne le transport international (R&D, délais < 5 jours) des marchandises.",
        ),
        "mission": career(
            "Chargé(e) de mission relations internationales",
            "Développe les partenariats à l'étranger.",
            body="Connaît les bases de la logistique des événements.",
        ),
        "coach": career(
            "Conseiller en épanouissement professionnel",
            "Aide chacun à trouver un métier qui lui ressemble.",
        ),
        "accounting": career("Comptable", "Tient les comptes de l'entreprise."),
    }


def titles(qs) -> list[str]:
    return [obj.title for obj in qs]


class TestText:
    def test_stem_folds_plural_and_feminine(self):
        assert stem("logistiques") == stem("logistique")
        assert stem("internationaux") == stem("internationale") == stem("international")

    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Écoute\u00a0 active", "ecoute active"),
            ("E\u0301coute\u200b active", "ecoute active"),  # decomposed, zero-width space
            ("Conducteur·rice d’engins", "conducteur·rice d'engins"),
            ("Œuvre ﬁnie ½", "œuvre finie 1⁄2"),  # compatibility forms, no accent to drop
            ("Ǆ ẞ", "dz ss"),
            ("a\u0301\u0483b\U0001d165c", "abc"),  # combining marks outside Latin's block
            ("a\u034fb", "a\u034fb"),  # the grapheme joiner combines nothing: kept
        ],
    )
    def test_normalise_folds_case_accents_and_spaces(self, text, folded):
        assert normalise(text) == folded

    def test_terms_drop_accents_case_and_small_words(self):
        assert terms("Les MÉTIERS de l’Épanouissement") == ["metiers", "epanouissement"]


class TestCareerSearch:
    @pytest.mark.parametrize("query", ["logistique", "LOGISTIQUE", "Logistiques", "logistiqe"])
    def test_title_match_comes_first(self, careers, query):
        results = titles(Career.objects.search(query))
        assert results[0] == "Assistant(e) logistique internationale"
        assert "Comptable" not in results

    def test_body_match_is_found_after_title_matches(self, careers):
        results = titles(Career.objects.search("logistique"))
        assert results[:2] == [
            "Assistant(e) logistique internationale",
            "Chargé(e) de mission relations internationales",
        ]

    @pytest.mark.parametrize("query", ["épanouissement", "epanouissement", "ÉPANOUISSEMENT"])
    def test_accents_and_case_are_ignored(self, careers, query):
        assert titles(Career.objects.search(query))[:1] == [
            "Conseiller en épanouissement professionnel"
        ]

    def test_typo_in_title_word_is_tolerated(self, careers):
        assert titles(Career.objects.search("lgistique"))[:1] == [
            "Assistant(e) logistique internationale"
        ]

    def test_every_word_is_required(self, careers):
        assert titles(Career.objects.search("logistique transport")) == [
            "Assistant(e) logistique internationale"
        ]

    def test_nothing_close_finds_nothing(self, careers):
        assert titles(Career.objects.search("zzqxwv")) == []

    def test_empty_or_punctuation_query_leaves_the_queryset_alone(self, careers):
        assert Career.objects.search("").count() == 4
        assert Career.objects.search(" ' & | ! ").count() == 4

    def test_odd_characters_do_not_break_the_query(self, careers):
        assert titles(Career.objects.search("logistique:* & !(\x00")) == titles(
            Career.objects.search("logistique")
        )

    def test_search_chains_with_other_filters(self, careers):
        careers["logistics"].is_published = False
        careers["logistics"].save()
        assert titles(Career.objects.published().search("logistique")) == [
            "Chargé(e) de mission relations internationales"
        ]

    def test_a_word_only_unpublished_careers_hold_finds_nothing(self, careers):
        hidden = career("Zythologue", "Connaît les bières.")
        hidden.is_published = False
        hidden.save()
        assert titles(Career.objects.published().search("zythologue")) == []
        assert titles(Career.objects.search("zythologue")) == ["Zythologue"]

    def test_a_career_named_otherwise_follows_the_title_hits_through_every_write(self, careers):
        coach, accounting = careers["coach"], careers["accounting"]
        Career.objects.filter(pk__in=[coach.pk, accounting.pk]).update(search_text="cariste")

        def ranked() -> list[tuple[str, list[str]]]:
            found = Career.objects.search("cariste")
            return [(c.title, [name.label for name in c.search_aliases]) for c in found]

        name = Appellation.objects.create(career=coach, position=1, label="Cariste")
        assert ranked() == [(coach.title, ["Cariste"]), ("Comptable", [])]

        Appellation.objects.filter(pk=name.pk).update(career=accounting)
        assert ranked() == [("Comptable", ["Cariste"]), (coach.title, [])]

        Appellation.objects.filter(pk=name.pk).update(search_label="magasinier")
        assert ranked() == [("Comptable", []), (coach.title, [])]

        Appellation.objects.filter(pk=name.pk).update(career=coach, search_label="cariste")
        assert ranked() == [(coach.title, ["Cariste"]), ("Comptable", [])]
        name.delete()
        assert ranked() == [("Comptable", []), (coach.title, [])]


class TestSnippet:
    def test_snippet_marks_the_match_and_escapes_the_text(self, careers):
        hit = Career.objects.search("international").get(title__startswith="Assistant")
        html = highlight(hit, "international")
        assert "<mark>international</mark>" in html
        assert "R&amp;D, délais &lt; 5 jours" in html

    def test_markup_in_the_text_never_reaches_the_page(self):
        career("Cariste", "Conduit un chariot <script>alert(1)</script> en entrepôt.")
        html = highlight(Career.objects.search("cariste").get(), "cariste")
        assert "<script>" not in html

    def test_snippet_without_match_is_the_start_of_the_summary(self, careers):
        hit = Career.objects.search("mission").get()
        assert highlight(hit, "mission").startswith("Développe les partenariats")


class TestCertificationAndSkillSearch:
    def test_certification_by_title_words_and_stem(self):
        CertificationFactory(title="Manager des opérations logistiques internationales")
        CertificationFactory(title="Assistant import-export", summary="Commerce international.")
        results = titles(Certification.objects.search("operation logistique"))
        assert results == ["Manager des opérations logistiques internationales"]

    def test_certification_by_code(self):
        CertificationFactory(code="RNCP 14528", title="Manager des opérations")
        CertificationFactory(code="RNCP 99999", title="Autre titre")
        assert titles(Certification.objects.search("14528")) == ["Manager des opérations"]

    def test_skill_by_name_without_accents(self):
        SkillFactory(name="Négociation", kind=SkillKind.SOFT)
        SkillFactory(name="Gestion logistique", kind=SkillKind.HARD)
        SkillFactory(name="Communication", kind=SkillKind.SOFT)
        assert [s.name for s in Skill.objects.search("negociation")] == ["Négociation"]
        assert [s.name for s in Skill.objects.search("logistiques")] == ["Gestion logistique"]
        assert [s.name for s in Skill.objects.search("comunication")] == ["Communication"]


def test_a_number_in_the_query_also_matches_it_after_a_hyphen():
    # "TP-00523" is read by PostgreSQL as "tp" and "-00523".
    assert tsquery_text(["tp", "00523"]) == "tp & ( 00523:* | -00523:* )"


def test_postgresql_keeps_the_title_vectors_that_rank_title_hits(careers):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("stored vectors are PostgreSQL's")
    logistics = careers["logistics"]
    logistics.title = "Coordinateur transport"
    logistics.save()
    vectors = Career.objects.filter(pk=logistics.pk).values_list("title_vector", flat=True)
    assert "'transport':2" in vectors.get()  # refreshed by the trigger on save
    found = Career.objects.search("transport")
    assert titles(found)[0] == "Coordinateur transport"
    assert found[0].title_hit == 1


class TestSqliteIndex:
    """SQLite's FTS5 index follows every way rows are written (the sqlite_fts migrations)."""

    @pytest.fixture(autouse=True)
    def _sqlite_only(self):
        from django.db import connection

        if connection.vendor != "sqlite":
            pytest.skip("the FTS5 index is SQLite's")

    def test_every_searched_table_has_its_index_and_triggers(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {name for (name,) in cursor.fetchall()}
        # A later migration that remakes one of these tables (SQLite's ALTER TABLE) drops
        # its triggers: it must create them again, or search goes stale.
        tables = ("careers_career", "careers_appellation", "certifications_certification")
        for table in (*tables, "skills_skill"):
            assert {f"{table}_fts_{event}" for event in ("insert", "update", "delete")} <= triggers

    def test_bulk_writes_raw_sql_and_deletes_reach_the_index(self, careers):
        accounting = careers["accounting"]
        Career.objects.filter(pk=accounting.pk).update(search_text="expertise fiscale")
        assert titles(Career.objects.search("fiscale")) == ["Comptable"]
        assert titles(Career.objects.search("entreprise")) == []  # the old text left the index

        Career.objects.bulk_create(
            Career(title=f"Cariste {n}", slug=f"cariste-{n}", search_text="cariste") for n in (1, 2)
        )
        assert len(titles(Career.objects.search("cariste"))) == 2

        accounting.delete()
        assert titles(Career.objects.search("fiscale")) == []

    def test_typos_are_corrected_from_the_index_vocabulary(self, careers):
        renamed = {"title": "Conseiller en orientation", "search_text": "conseiller orientation"}
        Career.objects.filter(pk=careers["coach"].pk).update(**renamed)
        # The renamed title's words replace the old ones in the vocabulary.
        assert titles(Career.objects.search("orientaton")) == ["Conseiller en orientation"]
        assert titles(Career.objects.search("epanouisement")) == []


@pytest.mark.parametrize("found", [2, 3, 4])
def test_best_and_count_counts_every_match_beyond_the_best(found):
    for n in range(found):
        career(f"Logisticien {n}", "Organise les flux.")
    career("Comptable", "Tient les comptes.")
    best, count = best_and_count(Career.objects.search("logisticien"), 3)
    assert [career.title for career in best] == [f"Logisticien {n}" for n in range(min(found, 3))]
    assert count == found


def seen(results: list, query: str) -> list[tuple]:
    """What a search page shows of each result found for `query`."""
    return [
        (
            obj.title,
            getattr(obj, "title_hit", None),
            [name.label for name in getattr(obj, "search_aliases", [])],
            highlight(obj, query),
        )
        for obj in results
    ]


@pytest.mark.parametrize(
    "query", ["cariste", "logistique", "logistique transport", "lgistique", "zzqxwv", "a"]
)
@pytest.mark.parametrize("limit", [1, 3])
def test_a_page_of_a_search_is_the_search_s_own(careers, query, limit):
    """ranked_page (prepared on SQLite) finds, ranks, names and counts as the search does:
    title hits, other names (appellations), typos, nothing found, no words."""
    coach, accounting = careers["coach"], careers["accounting"]
    Career.objects.filter(pk__in=[coach.pk, accounting.pk]).update(search_text="cariste")
    Appellation.objects.create(career=accounting, position=1, label="Cariste")
    searched = Career.objects.published().only("title", "slug", "summary")

    expected_best, expected_count = best_and_count(
        ranked_search(searched, query, CAREER_SEARCH), limit
    )
    for _ in range(2):  # prepared at the first, run again at the second
        best, count = ranked_page(searched, query, CAREER_SEARCH, limit)
        assert (seen(best, query), count) == (seen(expected_best, query), expected_count)
