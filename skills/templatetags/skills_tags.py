"""The vocabulary list's items, built in Python: its overview prints some three hundred,
and one include per item was most of the page's rendering (BENCHMARKS.md)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.templatetags.formatting import fr_plural
from skills.models import skill_path

register = template.Library()


def grouped(count: int) -> str:
    """A count as the template's {{ count }} printed it (1 234, a no-break space), without
    Django's localisation, which cost more than the rest of an item."""
    return format(count, ",d").replace(",", "\xa0")


@register.simple_tag
def skill_items(skills) -> SafeString:
    """Each item (a row with its `slug`, `name` and `career_count`) as an <li>: its link,
    then how many careers name it, the number written as the template would write it."""
    items = []
    for skill in skills:
        count = skill.career_count
        items.append(
            f'\n<li><a href="{escape(skill_path(skill.slug))}">{escape(skill.name)}</a> '
            f'<span class="muted">· {grouped(count)} métier{fr_plural(count)}</span></li>\n'
        )
    return mark_safe("".join(items))
