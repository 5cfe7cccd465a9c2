"""What the apps' admins share: the site's titles and a cheap row count.

Admin autodiscovery imports this module (core is an installed app), which sets the titles.
"""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

admin.site.site_header = "Orientation métiers — administration"
admin.site.site_title = "Orientation métiers"


def row_count(model, field: str) -> Coalesce:
    """Rows of `model` pointing at the outer object, as one correlated subquery.

    Unlike Count over a join, several of these side by side don't multiply rows,
    and the changelist stays one query whatever the page size.
    """
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
