"""HTTP caching of the HTML pages: conditional GETs, Cache-Control, Vary on htmx requests.

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
import re

from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

# A masked CSRF token: 64 letters and digits (django.middleware.csrf.CSRF_TOKEN_LENGTH).
MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def page_etag(content: bytes, csrf_secret: str) -> str:
    digest = hashlib.sha256(MASKED_TOKEN.sub(b"", content))
    digest.update(csrf_secret.encode())
    return f'"{digest.hexdigest()[:32]}"'


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
                secret = request.META.get("CSRF_COOKIE", "")
                response["ETag"] = page_etag(response.content, secret)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
        return response


def render_list(request, template: str, context: dict):
    """A filtered list page, or only its `results` partial when htmx swaps the results in.

    A history restore asks for the whole page. The response varies on HX-Request,
    so a cache never serves the partial as the page or the page as the partial.
    """
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
