"""Site-wide response middleware: the Permissions-Policy header, a French 405 page, a 503
when the database is unavailable."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import errors

logger = logging.getLogger(__name__)


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


class DatabaseUnavailableMiddleware:
    """Answer 503 (with Retry-After) when a view cannot reach the database.

    OperationalError and InterfaceError are the database's state, not the code's:
    a server down or restarting, a connection lost, a SQLite file gone or locked
    past its timeout. A 503 tells a visitor, a client and a load balancer to come
    back, where a 500 would say the site is broken. Other database errors stay 500s.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Base de données indisponible pour %s", request.path, exc_info=exception)
        return errors.service_unavailable(request)
