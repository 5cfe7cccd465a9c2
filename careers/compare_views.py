"""The comparison page and the tray's add/remove forms."""

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core import cache
from core.errors import render_error
from core.http import Page, render_shared
from core.selection import MAX_COMPARED, SelectionProblem, parse_selection

from .comparison import build_comparison
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


@require_safe
def compare_careers(request):
    selection = parse_selection(request.GET.getlist("metiers"))
    if selection.problem == SelectionProblem.EMPTY:
        return _picker(request, selected=tray_slugs(request.session))
    if selection.problem == SelectionProblem.GARBAGE:
        return render(request, *_picker_page([], selection.rejected), status=400)
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
        chosen = Career.objects.filter(slug__in=selection.tokens).order_by().for_comparison()
        found = {career.slug: career for career in chosen if career.is_published}
        missing = [slug for slug in selection.tokens if slug not in found]
        if missing:
            return render_error(
                request,
                404,
                "Métier introuvable",
                "Un des métiers demandés n'existe pas ou n'est plus publié.",
                "Introuvable : " + ", ".join(f"« {slug} »" for slug in missing) + ".",
            )
        comparison = build_comparison([found[slug] for slug in selection.tokens])
        context = {"comparison": comparison, "nav": "compare"}
        if comparison.is_single:
            context["choices"] = _choices()
            context["selected"] = selection.tokens
        return Page("careers/compare.html", context)

    # The table and charts of this selection, in this order: the same for every visitor.
    query = QueryDict(mutable=True)
    query["metiers"] = ",".join(selection.tokens)
    key = cache.key("compare", *selection.tokens)
    return render_shared(request, build, key=key, query=query)


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


def _choices():
    return Career.objects.published().only("slug", "title")


def _picker_page(selected, rejected=()) -> tuple[str, dict]:
    context = {
        "choices": _choices(),
        "selected": selected,
        "rejected": rejected,
        "nav": "compare",
    }
    return "careers/compare_picker.html", context


def _picker(request, *, selected):
    """Every career to tick, those of the visitor's tray ticked: kept per selection, which
    holds only careers a tray could take (published ones, four at most)."""
    key = cache.key("compare-picker", *selected)
    return render_shared(request, lambda: Page(*_picker_page(selected)), key=key, query=QueryDict())


def _missing_career(request):
    return render_error(
        request,
        400,
        "Requête incorrecte",
        "Aucun métier n'a été indiqué.",
        "Le formulaire doit désigner le métier à ajouter ou à retirer.",
    )
