from core.selection import MAX_COMPARED

from .tray import tray_slugs


def comparison_tray(request):
    """The careers in the visitor's comparison tray, in the order they were added."""
    from .models import Career

    context = {"tray": [], "max_compared": MAX_COMPARED}
    slugs = tray_slugs(request.session) if hasattr(request, "session") else []
    if slugs:
        careers = Career.objects.published().filter(slug__in=slugs).only("slug", "title")
        by_slug = {career.slug: career for career in careers}
        context["tray"] = [by_slug[slug] for slug in slugs if slug in by_slug]
    return context
