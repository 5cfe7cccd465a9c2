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

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_permission_codename
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CSRF_TOKEN_LENGTH, get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe

from .cache import PAGE_TIMEOUT

# What precedes a masked CSRF token in a page: base.html's hx-headers and the
# {% csrf_token %} tag. Splitting on them is far cheaper than a regex over the whole
# page, which showed in a job sheet's profile.
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


def swaps_results(request) -> bool:
    """Whether htmx asks for part of a list page (not a history restore, which wants it all)."""
    return bool(request.htmx and not request.htmx.history_restore_request)


# Stand for what belongs to the visitor in a page rendered for every visitor: the CSRF
# token, and base.html's comparison tray and messages. A NUL cannot come from the content:
# forms refuse it, PostgreSQL cannot store it, requests with one get a 400.
CSRF_TOKEN_HOLE = "\x00csrf-token\x00"
VISITOR_HOLES = {"tray": "\x00tray\x00", "messages": "\x00messages\x00"}
# What fills each visitor hole, rendered for each request with the visitor's own request.
VISITOR_TEMPLATES = {"tray": "includes/tray.html", "messages": "includes/messages.html"}


@dataclass
class Page:
    """What a view renders for every visitor: its template and context.

    `store` is false when the page must not be kept although it could be rendered: a
    parameter was dropped, a search found nothing (core.forms says which are kept).
    `headers` go with the page, from the cache too (htmx's HX-Push-Url).
    """

    template: str
    context: dict
    store: bool = True
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SharedPage:
    """A page as the cache keeps it: UTF-8 with holes, the digest of its ETag, its headers,
    and which visitor holes it has (an htmx partial has none)."""

    content: bytes
    digest: bytes
    headers: dict[str, str]
    holes: tuple[str, ...]

    @classmethod
    def of(cls, html: str, headers: dict[str, str]) -> "SharedPage":
        content = html.encode()
        holes = tuple(name for name, hole in VISITOR_HOLES.items() if hole in html)
        bare = content.replace(CSRF_TOKEN_HOLE.encode(), b"")
        for name in holes:
            bare = bare.replace(VISITOR_HOLES[name].encode(), b"")
        return cls(content, hashlib.sha256(bare).digest(), headers, holes)

    def response(self, request) -> HttpResponse:
        """The page for this visitor: their token, tray and messages in the holes."""
        content = self.content.replace(CSRF_TOKEN_HOLE.encode(), get_token(request).encode())
        digest = self.digest
        for name in self.holes:
            part = self.visitor_part(name, request)
            content = content.replace(VISITOR_HOLES[name].encode(), part)
            digest = hashlib.sha256(digest + part).digest()
        response = HttpResponse(content)
        for header, value in self.headers.items():
            response[header] = value
        response["ETag"] = page_etag(digest, request.META["CSRF_COOKIE"])
        return response

    @staticmethod
    def visitor_part(name: str, request) -> bytes:
        """A hole's content for this visitor. No message, no markup: its template (and the
        context processors, which read the tray's careers) is not rendered for nothing."""
        if name == "messages" and not get_messages(request):
            return b""
        return render_to_string(VISITOR_TEMPLATES[name], request=request).encode()


def with_query(request, query: QueryDict):
    """The request as if its query string were `query`: what a shared page is rendered
    with, so that its links (canonical, pager, "next", {% querystring %}) are the same
    whatever order, spacing or unknown parameters the first visitor's address had."""
    shared = copy.copy(request)
    shared.GET = query
    shared.META = {**request.META, "QUERY_STRING": query.urlencode()}
    return shared


def render_shared(
    request,
    build: Callable[[], "Page | HttpResponse"],
    *,
    key: str | None,
    query: QueryDict | None = None,
    partials: bool = False,
    variant: str = "",
) -> HttpResponse:
    """A page that is the same for every visitor but for their token, tray and messages,
    rendered once per `key` (core.cache.key: the catalogue's version is in it).

    `build` runs on a miss only: it does the page's queries and returns a Page, or a
    response of its own (an error, a redirect), which is never kept. Its page is
    rendered with holes where the visitor's parts go (`query` standing for the request's
    own parameters) and kept unless it says otherwise; each response fills the holes.
    `key=None`: the parameters cannot be a key (core.forms), the page is rendered for
    this request alone, the same way.

    `partials`: an htmx request gets the `results` partial (or the one the page's
    template names), a whole page on a history restore; the response varies on
    HX-Request and HX-Target. The key tells them apart by `variant`, which the view
    derives from HX-Target when it serves another partial ("facet-soft"): never the
    raw header, which the client chooses. Django's cache_page cannot do this:
    it never caches a response that sets a new visitor's CSRF cookie, would otherwise
    hand one visitor's token and tray to the next, and keys on the raw address.
    """
    swapped = swaps_results(request) if partials else False
    if key is not None and partials:
        key = f"{key}:{variant or ('results' if swapped else 'page')}"
    cached = cache.get(key) if key is not None else None
    if cached is None:
        page = build()
        if isinstance(page, HttpResponse):
            return page
        template = page.template
        if swapped and "#" not in template:
            template += "#results"
        context = {
            **page.context,
            "csrf_token": CSRF_TOKEN_HOLE,
            "visitor_holes": {name: mark_safe(hole) for name, hole in VISITOR_HOLES.items()},
            # Nothing of the first visitor's may reach a page served to others.
            "tray": [],
            "messages": [],
        }
        shared_request = with_query(request, query) if query is not None else request
        cached = SharedPage.of(render_to_string(template, context, shared_request), page.headers)
        if key is not None and page.store:
            cache.set(key, cached, PAGE_TIMEOUT)
    response = cached.response(request)
    if partials:
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
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
