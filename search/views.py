"""One search over careers, certifications and skills (/recherche/)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.utils.safestring import SafeString
from django.views.decorators.http import require_safe

from careers.models import Career
from careers.querysets import CAREER_SEARCH
from certifications.models import CERTIFICATION_SEARCH, Certification
from core import cache
from core.http import Page, render_shared
from core.search import Fields, highlight, query_words, ranked_page
from core.site import slug_path
from skills.models import SKILL_SEARCH, Skill

RESULTS_PER_KIND = 10
SUGGESTIONS_PER_KIND = 5


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString | str
    detail: str = ""
    # The other name the words were found in (a ROME appellation), when not the title.
    alias: str = ""


@dataclass(frozen=True)
class ResultGroup:
    key: str
    heading: str
    count: int
    hits: list[Hit]
    list_url: str


def _searches() -> list[tuple[str, str, QuerySet, Fields, str]]:
    """(key, heading, what may be found, how it is searched, list route) for each kind of
    result."""
    return [
        (
            "metiers",
            "Métiers",
            Career.objects.published().only("title", "slug", "summary"),
            CAREER_SEARCH,
            "careers:list",
        ),
        (
            "certifications",
            "Certifications",
            Certification.objects.published().only("title", "slug", "code", "kind", "summary"),
            CERTIFICATION_SEARCH,
            "certifications:list",
        ),
        ("competences", "Compétences et outils", Skill.objects.all(), SKILL_SEARCH, "skills:list"),
    ]


def _hit(obj, query: str) -> Hit:
    if isinstance(obj, Skill):
        return Hit(obj.name, obj.get_absolute_url(), "", obj.get_kind_display())
    detail = obj.code if isinstance(obj, Certification) else ""
    aliases = [] if getattr(obj, "title_hit", 1) else getattr(obj, "search_aliases", [])
    alias = aliases[0].label if aliases else ""
    return Hit(obj.title, obj.get_absolute_url(), highlight(obj, query), detail, alias)


def search_groups(query: str, limit: int) -> list[ResultGroup]:
    """Each kind's best `limit` hits and total count, whatever the data (core.search)."""
    groups = []
    for key, heading, searched, fields, list_route in _searches():
        best, count = ranked_page(searched, query, fields, limit)
        hits = [_hit(obj, query) for obj in best]
        list_url = f"{slug_path(list_route)}?{urlencode({'q': query})}"
        groups.append(ResultGroup(key, heading, count, hits, list_url))
    return groups


def _searched(request, template: str, limit: int) -> HttpResponse:
    """A search page, kept for every visitor under its words (spaces made single): only
    when it found something, since any word would otherwise make a key."""
    query = query_words(request)

    def build() -> Page:
        groups = search_groups(query, limit) if query else []
        total = sum(group.count for group in groups)
        context = {"query": query, "groups": groups, "total": total}
        return Page(template, context, store=total > 0 or not query)

    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    key = cache.key("search", template, query)
    return render_shared(request, build, key=key, query=params)


@require_safe
def search(request):
    return _searched(request, "search/search.html", RESULTS_PER_KIND)


@require_safe
def suggestions(request):
    """The as-you-type list under the search box (htmx partial, fetched after a pause)."""
    return _searched(request, "search/suggestions.html", SUGGESTIONS_PER_KIND)
