"""manage.py import_rncp FILE.xml|FILE.zip: RNCP titles from France Compétences' export.

The file is read as a stream and written in batches, each in its own
transaction. On an error (malformed XML, a fiche without number or with a bad
level) the batch being read is not written and the command stops, naming the
fiche and the line; the batches already committed stay. Re-running is safe:
a fiche updates the title with the same number and replaces its rows, so a
second run after a fix rewrites the committed batches identically and goes on.
"""

import re
import time
from argparse import ArgumentTypeError
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries
from django.utils import timezone

from certifications.rncp_export import RncpExportError, open_export, read_fiches
from certifications.rncp_import import save_fiches
from core.imports import ImportLocked, import_lock
from core.models import Dataset


def number_list(value: str) -> set[int]:
    """ "14528,RNCP34567" → {14528, 34567}."""
    numbers = set()
    for item in filter(None, (part.strip() for part in value.split(","))):
        match = re.fullmatch(r"(?:RNCP\s*)?(\d{1,6})", item, flags=re.IGNORECASE)
        if not match:
            raise ArgumentTypeError(f"« {item} » n'est pas un numéro RNCP.")
        numbers.add(int(match[1]))
    return numbers


def rncp_dataset(path: Path) -> Dataset:
    """France Compétences' RNCP, as this export gives it: its version is the file's name."""
    dataset, _ = Dataset.objects.update_or_create(
        slug="rncp",
        defaults={
            "publisher": "France Compétences",
            "title": "Répertoire national des certifications professionnelles (RNCP)",
            "version": path.stem,
            "licence": "Licence Ouverte 2.0",
            "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            "url": "https://www.data.gouv.fr/fr/datasets/repertoire-national-des-certifications-professionnelles-et-repertoire-specifique/",
            "imported_at": timezone.now(),
        },
    )
    return dataset


class Command(BaseCommand):
    help = "Importe les titres RNCP d'un export France Compétences (XML ou ZIP), par lots."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="Export RNCP : fichier .xml ou .zip.")
        parser.add_argument(
            "--actives-only", action="store_true", help="N'importer que les fiches actives."
        )
        parser.add_argument(
            "--numeros", type=number_list, help="Numéros à importer : 14528,34567 (ou RNCP14528)."
        )
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Fiches par transaction (500)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Remplacer aussi les titres modifiés dans l'administration depuis leur import.",
        )

    def handle(
        self, *args, path: Path, actives_only, numeros, batch_size, force, **options
    ) -> None:
        if not path.is_file():
            raise CommandError(f"{path} : fichier introuvable.")
        if batch_size < 1:
            raise CommandError("--batch-size doit être positif.")
        try:
            with import_lock():
                self._import(path, actives_only, numeros, batch_size, force)
        except ImportLocked as error:
            raise CommandError(str(error)) from error
        kept = f", {self.kept} conservés (modifiés dans l'administration)" if self.kept else ""
        self.stdout.write(
            f"Import RNCP terminé : {self.read} fiches lues, {self.created} créées, "
            f"{self.updated} mises à jour, {self.unchanged} inchangées{kept}."
        )

    def _import(self, path, actives_only, numeros, batch_size, force) -> None:
        self.started = time.monotonic()
        self.read = self.created = self.updated = self.unchanged = self.kept = self.batches = 0
        self.dataset = rncp_dataset(path)
        self.force = force
        batch = []
        try:
            with open_export(path) as stream:
                for fiche in read_fiches(stream):
                    self.read += 1
                    if actives_only and not fiche.active:
                        continue
                    if numeros is not None and fiche.number not in numeros:
                        continue
                    batch.append(fiche)
                    if len(batch) >= batch_size:
                        self._commit(batch)
                        batch = []
            if batch:
                self._commit(batch)
        except RncpExportError as error:
            raise CommandError(
                f"{path.name} : {error} Le lot en cours n'a pas été écrit ; "
                f"{self.batches} lot(s) déjà enregistré(s) ({self.created + self.updated} "
                "fiches) restent en base. Relancer la commande est sans risque."
            ) from error

    def _commit(self, batch) -> None:
        report = save_fiches(fiches=batch, dataset=self.dataset, force=self.force)
        # With DEBUG on, Django keeps every query's SQL: memory would grow with the file.
        reset_queries()
        self.batches += 1
        self.created += report.created
        self.updated += report.updated
        self.unchanged += report.unchanged
        self.kept += report.kept
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.stderr.write(
            f"{self.read} fiches lues, {self.created + self.updated} enregistrées "
            f"({self.read / elapsed:.0f} fiches/s)"
        )
