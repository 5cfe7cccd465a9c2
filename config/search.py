"""One search over careers, certifications and skills (/recherche/)."""

from django.http import HttpResponse


def search(request):
    return HttpResponse("TODO")
