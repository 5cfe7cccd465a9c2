from .comparison import tray_slugs


def comparison_tray(request):
    """The careers in the visitor's comparison tray, for the tray shown on every page."""
    from .models import Career

    slugs = tray_slugs(request.session) if hasattr(request, "session") else []
    if not slugs:
        return {"tray": []}

    def load():
        by_slug = {
            c.slug: c
            for c in Career.objects.published().filter(slug__in=slugs).only("slug", "title")
        }
        return [by_slug[s] for s in slugs if s in by_slug]

    return {"tray": load()}
