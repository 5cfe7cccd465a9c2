from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Career


def career_list(request):
    return HttpResponse("TODO")


def career_detail(request, slug):
    get_object_or_404(Career, slug=slug)
    return HttpResponse("TODO")


def compare_careers(request):
    return HttpResponse("TODO")


def tray_add(request):
    return HttpResponse("TODO")


def tray_remove(request):
    return HttpResponse("TODO")
