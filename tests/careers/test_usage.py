"""The counts the database keeps of each item's published careers (careers.usage): right
after every way of writing links and careers, on SQLite and on PostgreSQL."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from careers.models import Career, CareerSkill
from careers.usage import SkillUsage
from core import cache
from skills.models import Skill
from tests.factories import CareerFactory, CareerSkillFactory, SkillFactory
from tests.pages import text_of


def kept() -> dict[int, int]:
    return dict(SkillUsage.objects.filter(careers__gt=0).values_list("skill_id", "careers"))


def counted() -> dict[int, int]:
    counts: dict[int, int] = {}
    for skill_id in CareerSkill.objects.filter(career__is_published=True).values_list(
        "skill_id", flat=True
    ):
        counts[skill_id] = counts.get(skill_id, 0) + 1
    return counts


@pytest.mark.django_db
def test_a_link_counts_only_while_its_career_is_published():
    skill = SkillFactory()
    published = CareerSkillFactory(skill=skill).career
    hidden = CareerSkillFactory(skill=skill, career=CareerFactory(is_published=False)).career
    assert kept() == {skill.pk: 1}

    hidden.is_published = True
    hidden.save()
    assert kept() == {skill.pk: 2}

    Career.objects.filter(pk__in=[published.pk, hidden.pk]).update(is_published=False)
    assert kept() == {}


@pytest.mark.django_db
def test_deleting_links_or_careers_takes_each_link_off_once():
    skill, other = SkillFactory(), SkillFactory()
    links = [CareerSkillFactory(skill=skill), CareerSkillFactory(skill=skill)]
    CareerSkillFactory(skill=other, career=links[0].career)
    assert kept() == {skill.pk: 2, other.pk: 1}

    links[1].delete()
    assert kept() == {skill.pk: 1, other.pk: 1}

    links[0].career.delete()  # its links go first (Django's cascade), then the career
    assert kept() == {}


@pytest.mark.django_db
def test_a_career_deleted_before_its_links_takes_them_off_once():
    link = CareerSkillFactory()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM careers_career WHERE id = %s", [link.career_id])
        cursor.execute("DELETE FROM careers_careerskill WHERE career_id = %s", [link.career_id])
    assert kept() == {}


@pytest.mark.django_db
def test_bulk_writes_and_moved_links_are_counted():
    skills = SkillFactory.create_batch(3)
    careers = CareerFactory.create_batch(4)
    CareerSkill.objects.bulk_create(
        CareerSkill(career=career, skill=skill, position=number)
        for career in careers
        for number, skill in enumerate(skills[:2])
    )
    assert kept() == {skills[0].pk: 4, skills[1].pk: 4}

    CareerSkill.objects.filter(skill=skills[1], career__in=careers[:3]).update(skill=skills[2])
    assert kept() == {skills[0].pk: 4, skills[1].pk: 1, skills[2].pk: 3}

    CareerSkill.objects.filter(career__in=careers[1:]).delete()
    assert kept() == {skills[0].pk: 1, skills[2].pk: 1}


@pytest.mark.django_db
def test_a_row_saved_from_python_is_counted_again():
    """loaddata restores rows as they were dumped, before or after their links: the
    table keeps the count of the links there, not the one the row carried."""
    skill = SkillFactory()
    CareerSkillFactory(skill=skill)

    SkillUsage(skill=skill, careers=99).save()
    SkillUsage(skill=SkillFactory(), careers=5).save()

    assert kept() == counted() == {skill.pk: 1}


@pytest.mark.django_db
def test_the_skill_list_and_the_api_show_the_kept_counts(client):
    skill = SkillFactory(name="Rigueur")
    CareerSkillFactory.create_batch(3, skill=skill)
    CareerSkillFactory(skill=skill, career=CareerFactory(is_published=False))

    assert "Rigueur · 3 métiers" in text_of(client.get("/competences/"))
    items = client.get("/api/v1/competences/").json()["results"]
    assert [item["career_count"] for item in items if item["name"] == "Rigueur"] == [3]


# Writes drawn at random over three careers and four items: after each run the kept
# counts are those a count of the links gives.
CAREERS, SKILLS = range(3), range(4)
WRITES = st.lists(
    st.one_of(
        st.tuples(st.just("link"), st.sampled_from(CAREERS), st.sampled_from(SKILLS)),
        st.tuples(st.just("unlink"), st.sampled_from(CAREERS), st.sampled_from(SKILLS)),
        st.tuples(
            st.just("move"),
            st.sampled_from(CAREERS),
            st.sampled_from(SKILLS),
            st.sampled_from(SKILLS),
        ),
        st.tuples(st.just("publish"), st.sampled_from(CAREERS), st.booleans()),
        st.tuples(st.just("publish all"), st.booleans()),
        st.tuples(st.just("delete"), st.sampled_from(CAREERS)),
    ),
    max_size=12,
)


class RandomWritesTests(TestCase):
    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(WRITES)
    def test_the_kept_counts_are_the_links_counted(self, writes):
        careers = [
            Career.objects.create(title=f"Métier {n}", slug=f"metier-{n}", summary="…")
            for n in CAREERS
        ]
        skills = [
            Skill.objects.create(kind="soft", name=f"Élément {n}", slug=f"element-{n}")
            for n in SKILLS
        ]
        for write in writes:
            apply(write, careers, skills)
        assert kept() == counted()


def apply(write: tuple, careers: list[Career], skills: list[Skill]) -> None:
    kind, *args = write
    if kind == "publish all":
        Career.objects.update(is_published=args[0])
        return
    career = careers[args[0]]
    if not Career.objects.filter(pk=career.pk).exists():
        return  # deleted by an earlier write
    links = CareerSkill.objects.filter(career=career)
    if kind == "link":
        if not links.filter(skill=skills[args[1]]).exists():
            CareerSkill.objects.create(career=career, skill=skills[args[1]], position=args[1])
    elif kind == "unlink":
        links.filter(skill=skills[args[1]]).delete()
    elif kind == "move":
        if not links.filter(skill=skills[args[2]]).exists():
            links.filter(skill=skills[args[1]]).update(skill=skills[args[2]])
    elif kind == "publish":
        career.refresh_from_db()
        career.is_published = args[1]
        career.save()
    elif kind == "delete":
        career.delete()


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_links_already_there():
    """Unapplied then applied again over a catalogue: every count is rebuilt."""
    CareerSkillFactory.create_batch(2, skill=SkillFactory())
    CareerSkillFactory(career=CareerFactory(is_published=False))
    before = kept()

    call_command("migrate", "careers", "0014", verbosity=0)
    call_command("migrate", "careers", verbosity=0)

    assert kept() == before == counted()
    # Every item has its count again, those never named too (0017).
    assert SkillUsage.objects.count() == Skill.objects.count()


@pytest.mark.django_db(transaction=True)
def test_rebuilding_the_items_table_keeps_its_triggers():
    """skills 0009 adds a CHECK, which SQLite does by building the table again: its
    triggers (a new item's count, the search index) are there after it, both ways."""
    call_command("migrate", "skills", "0008", verbosity=0)
    call_command("migrate", "skills", verbosity=0)

    item = SkillFactory(name="Soudure à l'arc")
    assert SkillUsage.objects.get(skill=item).careers == 0
    assert list(Skill.objects.search("soudure")) == [item]


@pytest.mark.django_db(transaction=True)
def test_two_editors_naming_the_same_item_at_once_both_save():
    """PostgreSQL: one editor saves a career (the catalogue's version is locked until the
    commit), another links an item at the same moment, then the first links it too. The
    count's row must be locked after the version, as every write does, never before:
    else each waits for the other until PostgreSQL cancels one (a deadlock)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time")
    skill = SkillFactory()
    first, second = CareerFactory(), CareerFactory()
    cache.bump()  # the version's rows exist, as on any site with a catalogue
    version_locked, errors = threading.Event(), []

    def first_editor() -> None:
        try:
            with transaction.atomic():
                first.summary = "Un résumé corrigé."
                first.save()
                version_locked.set()
                time.sleep(0.5)  # the other editor is now waiting on something
                CareerSkill.objects.create(career=first, skill=skill, position=1)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def second_editor() -> None:
        version_locked.wait()
        try:
            with transaction.atomic():
                CareerSkill.objects.create(career=second, skill=skill, position=1)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    editors = [threading.Thread(target=first_editor), threading.Thread(target=second_editor)]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join(timeout=30)

    assert errors == []
    assert kept() == {skill.pk: 2}


@pytest.mark.django_db
def test_every_item_has_its_count_from_its_creation():
    made = [
        SkillFactory(),
        *Skill.objects.bulk_create([Skill(kind="tool", name="Grue", slug="grue")]),
    ]
    assert dict(SkillUsage.objects.values_list("skill_id", "careers")) == {
        skill.pk: 0 for skill in made
    }


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_the_most_cited_items_are_ranked_as_their_counts(limit):
    """most_cited walks the counts' index: the same items, in the same order (most cited,
    then the first entered), as the ORM ranks every item of the kind, those never cited
    too."""
    from careers.querysets import most_cited, with_career_counts

    tools = [SkillFactory(kind="tool") for _ in range(4)]
    SkillFactory(kind="soft")  # another kind: never among them
    for skill, times in zip(tools, [1, 3, 0, 0], strict=True):
        for _ in range(times):
            CareerSkillFactory(skill=skill)
    CareerSkillFactory(skill=tools[3], career=CareerFactory(is_published=False))  # counts 0

    ranked = with_career_counts(Skill.objects.filter(kind="tool")).order_by("-career_count", "pk")
    expected = list(ranked.values_list("kind", "name", "slug", "career_count")[:limit])
    assert [tuple(row) for row in most_cited("tool", limit)] == expected
    assert [row.career_count for row in most_cited("tool", 4)] == [3, 1, 0, 0]
