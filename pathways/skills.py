"""The vocabulary's pages and API: each item with the careers that use it (careers app), so
they live above the skills app, which never names careers."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, QueryDict
from django.views.decorators.http import require_safe

from careers.models import CareerSkill
from careers.querysets import MostCited, most_cited, with_career_counts
from core import cache
from core.errors import render_error
from core.http import Page, render_shared
from core.opendata import ApiError, api_page, json_response, json_view, page_payload
from core.redirects import redirect_if_moved
from core.search import MAX_QUERY_LENGTH
from core.site import absolute_url, slug_path
from skills.models import ROME_KINDS, Skill, SkillKind

# The vocabulary's kinds, in the order a job sheet presents them, the ROME's after.
GROUP_HEADINGS = {
    SkillKind.SOFT: "Soft skills",
    SkillKind.HARD: "Hard skills",
    SkillKind.TOOL: "Outils",
    SkillKind.CONSTRAINT: "Contraintes",
    SkillKind.SAVOIR_FAIRE: "Savoir-faire (ROME)",
    SkillKind.SAVOIR_ETRE: "Savoir-être professionnels (ROME)",
    SkillKind.SAVOIR: "Savoirs (ROME)",
    SkillKind.CONTEXT: "Contextes de travail (ROME)",
}
# A kind with more items than this shows its most cited on the overview, and links to
# its own pages: the ROME names thousands of savoir-faire.
OVERVIEW_MAX = 40
# What a page prints of an item (skills_tags.skill_items), read as rows, not instances:
# the overview prints some three hundred.
ITEM_COLUMNS = MostCited._fields  # kind, name, slug, career_count
PER_PAGE = 100
USES_PER_PAGE = 50


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    total: int
    skills: list
    url: str = ""  # the kind's own pages, when the overview shows only part of it

    @property
    def partial(self) -> bool:
        return len(self.skills) < self.total


def _kind_url(kind: str, query: str) -> str:
    params = {"type": kind, **({"q": query} if query else {})}
    return f"{slug_path('skills:list')}?{urlencode(params)}"


def _overview(matching, query: str) -> list[Group]:
    """Each kind with its items (by name), or its most cited ones when it has many (of
    those cited as often, the first entered).

    A few queries whatever the vocabulary's size: the kinds' totals, the items of the
    small kinds, then each large kind's most cited, on the counts the database keeps
    (careers.usage), from the top of their index when nothing narrows the list
    (careers.querysets.most_cited). Before, every item's id and count came to Python to
    be sorted there: 5 800 after the ROME import, most of the list's time after every
    write to the vocabulary. One query ranking every item within its kind (a window) took longer
    than these on SQLite.
    """
    matching = matching.order_by()
    totals = dict(matching.values_list("kind").annotate(total=Count("*")))
    matching = with_career_counts(matching).values_list(*ITEM_COLUMNS, named=True)
    large = [kind for kind, total in totals.items() if total > OVERVIEW_MAX]
    shown: dict[str, list] = {kind: [] for kind in GROUP_HEADINGS}
    for skill in matching.exclude(kind__in=large):
        shown[skill.kind].append(skill)
    for kind in large:
        if query:
            found = matching.filter(kind=kind).order_by("-career_count", "pk")
            shown[kind] = list(found[:OVERVIEW_MAX])
        else:
            shown[kind] = most_cited(kind, OVERVIEW_MAX, using=matching.db)
    groups = []
    for kind, heading in GROUP_HEADINGS.items():
        total = totals.get(kind, 0)
        if not total and kind in ROME_KINDS:
            continue  # no ROME fiche imported: no empty ROME headings
        items = shown[kind]
        if total > OVERVIEW_MAX:
            items.sort(key=lambda skill: (-skill.career_count, skill.name))
            groups.append(Group(kind, heading, total, items, _kind_url(kind, query)))
        else:
            items.sort(key=lambda skill: skill.name)
            groups.append(Group(kind, heading, total, items))
    return groups


# A page number as the site's links write it: another ("02", "abc") is never a key.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def _page_of(items, per_page: int, number: str, missing: str):
    """Page `number` of `items`; a 404 saying `missing` when there is no such page."""
    try:
        return Paginator(items, per_page).page(number)
    except InvalidPage as exc:
        raise Http404(missing) from exc


def _kept_params(page_number: str, **values: str) -> tuple[QueryDict, bool]:
    """The parameters a vocabulary page is rendered with (those set, but "1": the first
    page), and whether it may be kept under them: only with a page number as the site's
    links write it."""
    params = QueryDict(mutable=True)
    for name, value in (*values.items(), ("page", page_number)):
        if value and value != "1":
            params[name] = value
    return params, bool(PAGE_NUMBER.fullmatch(page_number))


@require_safe
def skill_list(request):
    """The vocabulary: an overview of every kind, or one kind's pages (?type=…)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    kind = request.GET.get("type", "")
    if kind and kind not in GROUP_HEADINGS:
        return render_error(
            request, 404, "Type inconnu", f"Le référentiel n'a pas de type « {kind} »."
        )
    page_number = request.GET.get("page", "1")

    def build() -> Page:
        matching = Skill.objects.search(query) if query else Skill.objects.all()
        context = {"nav": "skills", "query": query}
        if kind:
            items = with_career_counts(matching.filter(kind=kind).order_by("name", "pk"))
            items = items.values_list(*ITEM_COLUMNS, named=True)
            missing = "Cette page du référentiel n'existe pas."
            page = _page_of(items, PER_PAGE, page_number, missing)
            context |= {"kind": kind, "heading": GROUP_HEADINGS[kind], "page_obj": page}
            context["total"] = page.paginator.count
        else:
            context["groups"] = _overview(matching, query)
            context["total"] = sum(group.total for group in context["groups"])
        # A filter that finds nothing is not kept: any word would make a key.
        return Page("skills/skill_list.html", context, store=context["total"] > 0 or not query)

    params, keyed = _kept_params(page_number, q=query, type=kind)
    # Items and their counts only: the list outlives edits that change neither (core.cache).
    key = cache.key("skill-list", params.urlencode(), part=cache.VOCABULARY) if keyed else None
    return render_shared(request, build, key=key, query=params)


@require_safe
def skill_detail(request, slug):
    """An item and the careers that name it, USES_PER_PAGE at a time: a soft skill is named
    by half the catalogue (5 000 careers at 10 000), all on one page before."""
    page_number = request.GET.get("page", "1")

    def build() -> Page | HttpResponse:
        skill = Skill.objects.select_related("dataset").filter(slug=slug).first()
        if skill is None:
            return redirect_if_moved(Skill.objects.all(), slug)
        uses = CareerSkill.objects.uses_of(skill)
        page = _page_of(uses, USES_PER_PAGE, page_number, "Cette page de l'élément n'existe pas.")
        context = {"nav": "skills", "skill": skill, "page_obj": page}
        return Page("skills/skill_detail.html", context)

    params, keyed = _kept_params(page_number)
    key = cache.key("skill", slug, params.urlencode()) if keyed else None
    return render_shared(request, build, key=key, query=params)


def skill_payload(skill: Skill) -> dict:
    return {
        "slug": skill.slug,
        "name": skill.name,
        "kind": skill.kind,
        "kind_label": skill.get_kind_display(),
        "career_count": skill.career_count,
        "url": absolute_url(skill.get_absolute_url()),
    }


@json_view
def api_skill_list(request):
    """Every vocabulary item, by kind then name; `?kind=soft|hard|tool|constraint` narrows."""
    skills = with_career_counts(Skill.objects.order_by("kind", "name", "pk"))
    kind = request.GET.get("kind", "")
    if kind:
        if kind not in SkillKind.values:
            raise ApiError(400, f"« kind » vaut {', '.join(SkillKind.values)}, pas « {kind} ».")
        skills = skills.of_kind(kind)
    page = api_page(request, skills)
    return json_response(page_payload(request, page, [skill_payload(skill) for skill in page]))
