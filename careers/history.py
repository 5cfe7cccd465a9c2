"""A career's history: every save through the admin or an import is a version of the career
with all its rows (django-reversion), which the admin lists, compares and brings back.

The rows followed are the career's own, whatever their kind: a section kind added
later is in the history without touching this module.
"""

import reversion
from django.db.models import ForeignKey, Prefetch

from .models import Career, Mission, MissionBlock


def followed() -> list:
    """The relations of a career that its versions follow: its own rows, of every kind."""
    return [
        relation
        for relation in Career._meta.related_objects
        # Mobility.target is another career's row pointing here.
        if relation.field.name == "career"
    ]


def with_rows(careers):
    """Careers with every row a version takes, each with what its name shows, loaded in a
    few queries: reversion names each row it stores (str()), one query apiece otherwise."""
    prefetches = []
    for relation in followed():
        model = relation.related_model
        related = [f.name for f in model._meta.concrete_fields if isinstance(f, ForeignKey)]
        rows = model.objects.select_related(*related)
        if model is MissionBlock:
            rows = rows.prefetch_related(
                Prefetch("missions", Mission.objects.select_related("block"))
            )
        prefetches.append(Prefetch(relation.get_accessor_name(), rows))
    return careers.prefetch_related(*prefetches)


def register() -> None:
    for relation in followed():
        reversion.register(relation.related_model, follow=_nested(relation.related_model))
    reversion.register(Mission)
    reversion.register(Career, follow=[relation.get_accessor_name() for relation in followed()])


def _nested(model) -> list[str]:
    return ["missions"] if model is MissionBlock else []
