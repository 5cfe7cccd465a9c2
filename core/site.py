"""The site's public address: absolute links are made of settings.SITE_URL.

Never of the request (build_absolute_uri, get_host): its Host header is the
client's to choose among ALLOWED_HOSTS, or whatever a proxy passes on. A probe
calling from inside, a proxy that rewrites Host, a forged Host: all get the
same links, those of the public site.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """The public address of a path of the site ("/metiers/" → "https://exemple.fr/metiers/")."""
    return settings.SITE_URL + path
