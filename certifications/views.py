from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Certification


def certification_list(request):
    return HttpResponse("TODO")


def certification_detail(request, slug):
    get_object_or_404(Certification, slug=slug)
    return HttpResponse("TODO")


def compare_certifications(request):
    return HttpResponse("TODO")
