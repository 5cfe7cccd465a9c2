"""« Importer une fiche » in the admin: a job-sheet file sent, tried, then confirmed.

The upload is imported at once in a transaction rolled back (a dry run): the
editor reads what would be created, updated or kept and which rows would
change, then confirms. Between the two steps the file's text waits in the
editor's session, under a random token that the confirmation form carries: the
text never goes back to the browser, so what is imported is exactly what was
tried, and a confirmation from an older page (another tab, another file) is
refused rather than importing something else. The import itself goes through
careers.services like the commands', with the same report.
"""

import secrets
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from core.imports import ImportLocked

from .jobsheet import jobsheet_text
from .models import Career
from .services import CREATED, KEPT, UNCHANGED, UPDATED, import_uploaded_sheet
from .textformat import JobSheetError

SESSION_KEY = "careers-import"
# A seed sheet is some 50 kB: ten times more is no job sheet.
UPLOAD_MAX = 1024 * 1024
NAME_MAX = 100
TEMPLATES = "admin/careers/career"

# What the dry run's status means before the editor confirms.
WOULD = {
    CREATED: "serait créée",
    UPDATED: "serait mise à jour",
    UNCHANGED: "inchangée : l'import ne changerait rien",
    KEPT: (
        "modifiée dans l'administration depuis le dernier import : serait conservée telle "
        "quelle. Cochez « Forcer » pour la remplacer par ce fichier."
    ),
}


class JobSheetUploadForm(forms.Form):
    fichier = forms.FileField(
        label="Fiche métier",
        help_text="Un fichier texte UTF-8 au format des fiches métiers (voir le README).",
    )
    forcer = forms.BooleanField(
        label="Forcer",
        required=False,
        help_text="Remplacer aussi une fiche modifiée dans l'administration depuis son "
        "dernier import.",
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        if upload.size > UPLOAD_MAX:
            raise forms.ValidationError(
                f"Fichier de {upload.size // 1024} Kio : une fiche en fait au plus "
                f"{UPLOAD_MAX // 1024} (attendu : une seule fiche métier)."
            )
        name = Path(upload.name).name[-NAME_MAX:]
        try:
            text = jobsheet_text(upload.read(), source=name)
        except JobSheetError as error:
            raise forms.ValidationError(f"{error} — rien n'a été modifié.") from error
        return name, text


class JobSheetImportAdmin:
    """The careers' admin, with « Importer une fiche » (a mixin of CareerAdmin)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("importer/", view(self.import_view), name="careers_career_import"),
            path(
                "importer/confirmer/",
                view(self.confirm_import_view),
                name="careers_career_import_confirm",
            ),
            *super().get_urls(),
        ]

    def _check_import_permission(self, request) -> None:
        # An import may create a career or change one.
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied

    def _context(self, request, title: str, **context) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            **context,
        }

    def import_view(self, request):
        """The form; once a file is sent, the dry run's report and the confirmation."""
        self._check_import_permission(request)
        posted = request.method == "POST"
        form = JobSheetUploadForm(request.POST, request.FILES) if posted else JobSheetUploadForm()
        if posted and form.is_valid():
            name, text = form.cleaned_data["fichier"]
            force = form.cleaned_data["forcer"]
            try:
                report = import_uploaded_sheet(text=text, name=name, force=force, dry_run=True)
            except JobSheetError as error:
                form.add_error("fichier", f"{error} — rien n'a été modifié.")
            except ImportLocked as error:
                form.add_error(None, str(error))
            else:
                token = secrets.token_urlsafe(16)
                pending = {"token": token, "name": name, "text": text, "force": force}
                request.session[SESSION_KEY] = pending
                context = self._context(
                    request,
                    "Importer une fiche : vérification",
                    report=report,
                    outcome=WOULD[report.status],
                    name=name,
                    force=force,
                    token=token,
                )
                return TemplateResponse(request, f"{TEMPLATES}/import_confirm.html", context)
        context = self._context(request, "Importer une fiche", form=form)
        return TemplateResponse(request, f"{TEMPLATES}/import.html", context)

    def confirm_import_view(self, request):
        """Import the text tried last, then show the career."""
        self._check_import_permission(request)
        if request.method != "POST":
            return redirect("admin:careers_career_import")
        pending = request.session.get(SESSION_KEY)
        # As bytes: compare_digest refuses a str that is not ASCII, and any token may be sent.
        sent = request.POST.get("token", "").encode()
        if not pending or not secrets.compare_digest(sent, pending["token"].encode()):
            messages.error(
                request,
                "Cet import n'est plus en attente (déjà confirmé, ou un autre fichier a été "
                "envoyé depuis) : envoyez le fichier à nouveau.",
            )
            return redirect("admin:careers_career_import")
        del request.session[SESSION_KEY]
        try:
            report = import_uploaded_sheet(
                text=pending["text"], name=pending["name"], force=pending["force"]
            )
        except (JobSheetError, ImportLocked) as error:
            messages.error(request, f"{error} — rien n'a été modifié.")
            return redirect("admin:careers_career_import")
        career = Career.objects.get(slug=report.slug)
        message = f"Import de {pending['name']} : {report}"
        if report.changed:
            log = self.log_addition if report.status == CREATED else self.log_change
            log(request, career, message)
            messages.success(request, message)
        else:
            messages.warning(request, message)
        return redirect(reverse("admin:careers_career_change", args=[career.pk]))
