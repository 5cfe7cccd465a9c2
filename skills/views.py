from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Skill


def skill_list(request):
    return HttpResponse("TODO")


def skill_detail(request, slug):
    get_object_or_404(Skill, slug=slug)
    return HttpResponse("TODO")
