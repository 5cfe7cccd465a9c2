"""HTTP caching of the HTML pages: conditional GETs, Cache-Control, Vary on htmx requests,
pages rendered once for every visitor (render_shared), and the staff's previews of
unpublished pages, which no cache may keep (render_preview).

Every page carries the visitor's CSRF token (base.html's hx-headers, the
"Ajouter à la comparaison" forms), and Django masks that token afresh at each
render, so a hash of the page changes on every request and
ConditionalGetMiddleware could never answer 304. The ETag set here hashes the
page with the masked tokens blanked out, plus the visitor's CSRF secret: an
unchanged page for the same visitor gives the same ETag and a 304, and a page
whose token would no longer be valid gives a new one.

Cache-Control is `private, no-cache`: a page holds that visitor's token and
comparison tray, so no shared cache may keep it and serve it to someone else
(public, max-age would hand one visitor's token and tray to the next); the
browser may keep it but asks again each time, and gets an empty 304 when
nothing changed. Views that set their own Cache-Control keep it.
"""

import hashlib
from collections.abc import Callable

from django.contrib.auth import get_permission_codename
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers

# What precedes a masked CSRF token in a page: base.html's hx-headers and the
# {% csrf_token %} tag. Splitting on them is some 40 times faster than a regex
# over the whole page, which cost a job sheet 2.5 ms a request.
TOKEN_PREFIXES = (b'"X-CSRFToken": "', b'name="csrfmiddlewaretoken" value="')


def without_csrf_tokens(content: bytes) -> bytes:
    for prefix in TOKEN_PREFIXES:
        head, *rest = content.split(prefix)
        content = prefix.join([head, *(part[CSRF_TOKEN_LENGTH:] for part in rest)])
    return content


def page_etag(digest: bytes, csrf_secret: str) -> str:
    """The ETag of a page whose content without CSRF tokens has this SHA-256 digest."""
    return f'"{hashlib.sha256(digest + csrf_secret.encode()).hexdigest()[:32]}"'


class PageCachingMiddleware:
    """Set a token-independent ETag and `private, no-cache` on successful HTML pages.

    Listed after ConditionalGetMiddleware, so that middleware sees this ETag
    and turns a matching If-None-Match into a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            if not response.has_header("ETag"):
                digest = hashlib.sha256(without_csrf_tokens(response.content)).digest()
                response["ETag"] = page_etag(digest, request.META.get("CSRF_COOKIE", ""))
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
        return response


def render_list(request, template: str, context: dict):
    """A filtered list page, or only its `results` partial when htmx swaps the results in
    (or the partial `template` names, e.g. one facet group).

    A history restore asks for the whole page. The response varies on HX-Request and
    HX-Target, so a cache never serves a partial as the page or the page as a partial.
    """
    if request.htmx and not request.htmx.history_restore_request and "#" not in template:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


# Stands for the CSRF token in a page rendered for every visitor. A NUL cannot come
# from the content: forms refuse it, PostgreSQL cannot store it, requests with one get a 400.
CSRF_TOKEN_HOLE = "\x00csrf-token\x00"


def render_shared(
    request,
    template: str,
    get_context: Callable[[], dict],
    *,
    key: str,
    timeout: int,
    personalised: bool,
) -> HttpResponse:
    """A page that is the same for every visitor but for the CSRF token, rendered once per key.

    `personalised` says the page holds something of the visitor's own (a comparison
    tray, a message waiting): it is then rendered for them alone. Anyone else gets
    the shared page: every first visit, from a search engine or a shared link. It
    is cached with a hole where the token goes, as UTF-8 with the digest of its ETag
    (no decoding, encoding or hashing per request); each response fills in the
    visitor's own token. Django's cache_page cannot do this: it never caches a
    response that sets a new visitor's CSRF cookie, and would otherwise hand one
    visitor's token to the next.
    """
    if personalised:
        return render(request, template, get_context())
    hole = CSRF_TOKEN_HOLE.encode()
    cached = cache.get(key)
    if cached is None:
        context = {**get_context(), "csrf_token": CSRF_TOKEN_HOLE}
        page = render_to_string(template, context, request).encode()
        cached = (page, hashlib.sha256(page.replace(hole, b"")).digest())
        cache.set(key, cached, timeout)
    page, digest = cached
    response = HttpResponse(page.replace(hole, get_token(request).encode()))
    response["ETag"] = page_etag(digest, request.META["CSRF_COOKIE"])
    return response


def may_preview(request, model) -> bool:
    """Whether this visitor may see the unpublished records of `model`: staff allowed to view
    them in the admin."""
    user = request.user
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")
    )


def render_preview(request, template: str, context: dict) -> HttpResponse:
    """An unpublished record's page, for staff (`may_preview`): a banner says so (base.html).

    Never through render_shared nor any cached fragment, so that no one else is ever
    served it; `no-store` keeps it out of the browser's and any proxy's cache, and
    search engines are told not to index it.
    """
    response = render(request, template, {**context, "preview": True})
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
