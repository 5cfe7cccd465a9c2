"""The comparison page and the tray's add/remove forms."""

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core import cache
from core.errors import render_error, render_missing
from core.http import Page, render_shared
from core.search import query_words
from core.selection import MAX_COMPARED, SelectionProblem, parse_selection

from .comparison import build_comparison
from .loading import load_comparison_rows
from .models import Career
from .tray import TrayOutcome, add_to_tray, remove_from_tray, tray_slugs

TRAY_MESSAGES = {
    TrayOutcome.ADDED: (messages.SUCCESS, "« {title} » a été ajouté à la comparaison."),
    TrayOutcome.ALREADY_THERE: (messages.INFO, "« {title} » est déjà dans la comparaison."),
    TrayOutcome.FULL: (
        messages.ERROR,
        f"Vous comparez déjà {MAX_COMPARED} métiers, le maximum : retirez-en un avant "
        "d'ajouter « {title} ».",
    ),
    TrayOutcome.UNKNOWN: (messages.ERROR, "Ce métier n'est pas ou plus disponible."),
    TrayOutcome.REMOVED: (messages.SUCCESS, "« {title} » a été retiré de la comparaison."),
}


# The careers a picker lists: the first by title, or those a search finds. A catalogue of
# thousands is searched, never printed whole.
PICKER_SHOWN = 60
PICKER_QUERY_LENGTH = 100


@require_safe
def compare_careers(request):
    selection = parse_selection(request.GET.getlist("metiers"))
    query = query_words(request, PICKER_QUERY_LENGTH)
    if selection.problem == SelectionProblem.EMPTY:
        return _picker(request, selected=tray_slugs(request.session), query=query)
    if selection.problem == SelectionProblem.GARBAGE:
        return render(request, *_picker_page([], query, selection.rejected), status=400)
    if selection.problem == SelectionProblem.TOO_MANY:
        return render_error(
            request,
            400,
            "Trop de métiers à comparer",
            f"On compare de 2 à {MAX_COMPARED} métiers à la fois.",
            f"Vous en avez demandé {len(selection.tokens)} : retirez-en pour n'en garder que "
            f"{MAX_COMPARED} au plus.",
        )

    def build() -> Page | HttpResponse:
        # By slug alone, published or not: with is_published in the query, SQLite (without
        # statistics) read every career through the (is_published, title) index.
        chosen = Career.objects.filter(slug__in=selection.tokens).order_by()
        found = {career.slug: career for career in chosen if career.is_published}
        missing = [slug for slug in selection.tokens if slug not in found]
        if missing:
            return render_missing(
                request,
                "Métier introuvable",
                "Un des métiers demandés n'existe pas ou n'est plus publié.",
                missing,
            )
        compared = [found[slug] for slug in selection.tokens]
        load_comparison_rows(compared)
        comparison = build_comparison(compared)
        context = {"comparison": comparison, "nav": "compare"}
        if comparison.is_single:
            context.update(_picker_context(selection.tokens, query))
        return Page("careers/compare.html", context)

    # The table and charts of this selection, in this order: the same for every visitor
    # (with one career, its picker's search too).
    params = QueryDict(mutable=True)
    params["metiers"] = ",".join(selection.tokens)
    single = len(selection.tokens) == 1
    if single and query:
        params["q"] = query
    key = cache.key("compare", query if single else "", *selection.tokens)
    return render_shared(request, build, key=key, query=params)


@require_POST
def tray_add(request):
    slug = request.POST.get("metier", "").strip()
    if not slug:
        return _missing_career(request)
    return _tray_response(request, add_to_tray(session=request.session, slug=slug))


@require_POST
def tray_remove(request):
    slug = request.POST.get("metier", "").strip()
    if not slug:
        return _missing_career(request)
    return _tray_response(request, remove_from_tray(session=request.session, slug=slug))


def _tray_response(request, change):
    level, template = TRAY_MESSAGES[change.outcome]
    text = template.format(title=change.title)
    next_url = _safe_next(request)
    if request.htmx:
        # The tray is swapped in place: the message goes inside it, not in the session.
        context = {
            "tray_message": text,
            "tray_message_tag": messages.DEFAULT_TAGS[level],
            "tray_next": next_url,
        }
        return render(request, "includes/tray.html#tray-content", context)
    messages.add_message(request, level, text)
    return redirect(next_url)


def _safe_next(request) -> str:
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("compare:careers")


def _picker_context(selected, query: str) -> dict:
    """The careers to tick: the selected ones first, then the first PICKER_SHOWN by title or
    that the search finds, and whether there are more."""
    careers = Career.objects.published().only("slug", "title")
    chosen = list(careers.filter(slug__in=selected).order_by("title")) if selected else []
    found = careers.search(query) if query else careers.order_by("title")
    found = list(found.exclude(slug__in=selected)[: PICKER_SHOWN + 1])
    return {
        "choices": chosen + found[:PICKER_SHOWN],
        "more_choices": len(found) > PICKER_SHOWN,
        "found_nothing": bool(query) and not found,
        "picker_query": query,
        "picker_query_length": PICKER_QUERY_LENGTH,
        "selected": selected,
    }


def _picker_page(selected, query: str, rejected=()) -> tuple[str, dict]:
    context = {**_picker_context(selected, query), "rejected": rejected, "nav": "compare"}
    return "careers/compare_picker.html", context


def _picker(request, *, selected, query: str):
    """The careers to tick, those of the visitor's tray ticked: kept per selection, which
    holds only careers a tray could take (published ones, four at most), and search words
    that found something."""

    def build() -> Page:
        template, context = _picker_page(selected, query)
        return Page(template, context, store=not context["found_nothing"])

    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    key = cache.key("compare-picker", query, *selected)
    return render_shared(request, build, key=key, query=params)


def _missing_career(request):
    return render_error(
        request,
        400,
        "Requête incorrecte",
        "Aucun métier n'a été indiqué.",
        "Le formulaire doit désigner le métier à ajouter ou à retirer.",
    )
