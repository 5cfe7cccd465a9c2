"""Stable URLs: a page whose slug an editor changes keeps answering at its old address.

Every catalogue model with a slug and a page records its former slugs
(core.OldSlug) when it is saved with a new one; a view that finds nothing at a
slug asks `moved()` before answering 404, and sends a 301 to the page's address
now. The sitemap lists current addresses only.
"""

from django.db.models.signals import pre_save
from django.http import Http404, HttpResponsePermanentRedirect


def _record_old_slug(sender, instance, **kwargs) -> None:
    if instance.pk is None:
        return
    from .models import OldSlug

    before = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    label = sender._meta.label_lower
    if before and before != instance.slug:
        OldSlug.objects.update_or_create(
            model=label, slug=before, defaults={"object_id": instance.pk}
        )
    # The new slug is this object's address now, whatever it was before.
    OldSlug.objects.filter(model=label, slug=instance.slug).delete()


def connect_signals(models) -> None:
    for model in models:
        fields = {field.name for field in model._meta.get_fields()}
        if "slug" in fields and hasattr(model, "get_absolute_url"):
            pre_save.connect(
                _record_old_slug, sender=model, dispatch_uid=f"old-slug-{model._meta.label}"
            )


def moved(queryset, slug: str):
    """The object of `queryset` that had this slug before, if any."""
    from .models import OldSlug

    old = OldSlug.objects.filter(model=queryset.model._meta.label_lower, slug=slug).first()
    return queryset.filter(pk=old.object_id).first() if old else None


def redirect_if_moved(queryset, slug: str, url_of=None) -> HttpResponsePermanentRedirect:
    """A 301 to where the page of a former `slug` is now; else the 404 the caller owes."""
    target = moved(queryset, slug)
    if target is None:
        raise Http404
    url = url_of(target) if url_of else target.get_absolute_url()
    return HttpResponsePermanentRedirect(url)


def taken(model, slugs) -> set[str]:
    """The slugs among `slugs` that were another object's, and still lead to it."""
    from .models import OldSlug

    return set(
        OldSlug.objects.filter(model=model._meta.label_lower, slug__in=list(slugs)).values_list(
            "slug", flat=True
        )
    )
