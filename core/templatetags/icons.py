"""`{% icon name %}`: a small line icon drawn inline (no icon font, no image), for a
section family or a page part ("sommaire", "bref"); decorative, the heading beside it
says the same. A tag rather than an include: a job sheet prints fifteen, and the
include's chain of comparisons cost more than the rest of its headings."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

PATHS = {
    "profil": "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z",
    "competences": "M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z",
    "formation": "M2 9l10-5 10 5-10 5zM6 11v5c0 1.7 2.7 3 6 3s6-1.3 6-3v-5M22 9v6",
    "conditions": "M12 3l10 18H2zM12 10v4M12 17.5v.5",
    "salaire": "M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M15 8.6a4 4 0 1 0 0 6.8M7 11h6M7 13.5h6",
    "questions": "M4 5h16v11H9l-5 4zM10 9a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6 1.1M12 14v.01",
    "liens": (
        "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3.3 2.7-6 6-6s6 2.7 6 6M16 5a3 3 0 0 1 0 6"
        "M18 14c1.8.7 3 2.7 3 6"
    ),
    "certifications": "M12 3a6 6 0 1 0 0 12 6 6 0 0 0 0-12zM8.5 13.5 7 21l5-3 5 3-1.5-7.5",
    "sommaire": "M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01",
    "bref": "M13 2 4 14h7l-1 8 9-12h-7z",
}
# Any other family: a briefcase.
DEFAULT_PATH = "M4 8h16v11H4zM9 8V5h6v3M4 13h16"
SVG = (
    '\n<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" '
    'focusable="false"><path d="{}"/></svg>\n'
)
ICONS = {name: mark_safe(SVG.format(path)) for name, path in PATHS.items()}
DEFAULT_ICON = mark_safe(SVG.format(DEFAULT_PATH))


@register.simple_tag
def icon(name: str) -> str:
    return ICONS.get(name, DEFAULT_ICON)
