"""Site-wide response middleware: the Permissions-Policy header and a French 405 page."""

from django.conf import settings

from . import errors


class PermissionsPolicyMiddleware:
    """Send `settings.PERMISSIONS_POLICY` on every response.

    Django has no setting for this header. It is one static string, so a
    dozen lines here beat a dependency (django-permissions-policy) to keep up to date.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class FrenchMethodNotAllowedMiddleware:
    """Give `require_safe`/`require_POST` refusals (empty 405s) a French page.

    The `Allow` header Django set is kept, so clients still learn which methods work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = errors.method_not_allowed(request)
        if "Allow" in response:
            page["Allow"] = response["Allow"]
        return page


class RejectNulCharactersMiddleware:
    """Answer 400 to a request whose path or parameters carry NUL (U+0000).

    PostgreSQL text cannot hold NUL, so such a value reaching a query fails as
    a 500. No link or form of the site sends one: refuse it once, here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _carries_nul(request.GET):
            return errors.bad_request(request)
        if request.method == "POST" and _carries_nul(request.POST):
            return errors.bad_request(request)
        return self.get_response(request)


def _carries_nul(params) -> bool:
    return any(
        "\x00" in name or any("\x00" in value for value in values)
        for name, values in params.lists()
    )
