from .comparison import tray_slugs


def comparison_tray(request):
    """The careers in the visitor's comparison tray, in the order they were added."""
    from .models import Career

    slugs = tray_slugs(request.session) if hasattr(request, "session") else []
    if not slugs:
        return {"tray": []}
    careers = Career.objects.published().filter(slug__in=slugs).only("slug", "title")
    by_slug = {career.slug: career for career in careers}
    return {"tray": [by_slug[slug] for slug in slugs if slug in by_slug]}
