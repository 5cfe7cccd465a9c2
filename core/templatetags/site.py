"""`{{ path|absolute_url }}`: a path of the site as its public address (core.site)."""

from django import template

from core import site

register = template.Library()


@register.filter
def absolute_url(path: str) -> str:
    return site.absolute_url(path)
