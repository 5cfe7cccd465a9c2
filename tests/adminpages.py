"""Reaching the admin's pages and resubmitting its forms, for the admin tests of every app."""

from django.contrib import admin
from django.urls import reverse


def admin_url(model, view: str, *args) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def unchanged_post_data(response) -> dict:
    """The change form's own values, inlines included: what "Enregistrer" sends untouched."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def resubmit(client, model, obj, **changes):
    """Save `obj`'s admin page with these fields changed, as an editor would."""
    url = admin_url(model, "change", obj.pk)
    data = {**unchanged_post_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def registered_or_inlined(app_label: str) -> tuple[set, set]:
    """The app's models with an admin page, and those edited inline on one of these pages."""
    registry = admin.site._registry
    registered = {model for model in registry if model._meta.app_label == app_label}
    inlined = {inline.model for model in registered for inline in registry[model].inlines}
    return registered, inlined


def assert_pages_answer(client, model, obj) -> None:
    """The list, add and change pages of `model` (the last for `obj`) answer 200."""
    for url in (
        admin_url(model, "changelist"),
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
    ):
        assert client.get(url).status_code == 200, url
