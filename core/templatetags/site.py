"""`{{ path|absolute_url }}`: a path of the site as its public address; `{% slug_url %}`: the
path of a route made of slugs (core.site)."""

from django import template

from core import site

register = template.Library()


@register.filter
def absolute_url(path: str) -> str:
    return site.absolute_url(path)


@register.simple_tag
def slug_url(name: str, *slugs: str) -> str:
    """`{% url %}` for the routes made of slugs or of nothing, as core.site.slug_path builds
    them, at a fraction of reverse()'s cost: every page prints a dozen (its menu), a
    comparison of two careers eighty. `as` names the result, as with `{% url %}`."""
    return site.slug_path(name, *slugs)
