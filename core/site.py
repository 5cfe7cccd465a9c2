"""The site's public address: absolute links are made of settings.SITE_URL.

Never of the request (build_absolute_uri, get_host): its Host header is the
client's to choose among ALLOWED_HOSTS, or whatever a proxy passes on. A probe
calling from inside, a proxy that rewrites Host, a forged Host: all get the
same links, those of the public site.
"""

import functools
import re

from django.conf import settings
from django.urls import get_script_prefix, reverse


def absolute_url(path: str) -> str:
    """The public address of a path of the site ("/metiers/" → "https://exemple.fr/metiers/")."""
    return settings.SITE_URL + path


def slug_path(name: str, *slugs: str) -> str:
    """`reverse(name, args=slugs)` for routes made of slugs, at a fraction of its cost.

    A ROME fiche links a hundred skills, the vocabulary list three hundred: reverse()
    resolving the route each time was a fifth of their render. The route's shape is
    resolved once per name and script prefix; a slug (SlugField: letters, digits, - and
    _) goes in as reverse() would put it, unquoted.
    """
    parts = _route_parts(name, len(slugs), get_script_prefix())
    path = [parts[0]]
    for slug, part in zip(slugs, parts[1:], strict=True):
        path += (slug, part)
    return "".join(path)


@functools.cache
def _route_parts(name: str, arity: int, script_prefix: str) -> tuple[str, ...]:
    """The route's path cut around its slugs (`script_prefix` keys the cache only)."""
    markers = [f"slug{index}marker" for index in range(arity)]
    if not markers:
        return (reverse(name),)
    return tuple(re.split("|".join(markers), reverse(name, args=markers)))
