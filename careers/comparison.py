"""The comparison tray: up to four career slugs kept in the session."""

MAX_COMPARED = 4
SESSION_KEY = "comparison"


def tray_slugs(session) -> list[str]:
    slugs = session.get(SESSION_KEY, [])
    return [slug for slug in slugs if isinstance(slug, str)][:MAX_COMPARED]
