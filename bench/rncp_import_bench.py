"""Benchmark of `manage.py import_rncp`: fiches per second and peak memory.

Generates an RNCP export (flux v4.x shape) in a temporary directory, migrates
a throwaway SQLite database there and runs the import in a child process, so
that its peak resident memory (ru_maxrss from wait4) is the import's alone.
Two sizes show whether memory stays flat as the file grows.

    .venv/bin/python bench/rncp_import_bench.py [--fiches 20000] [--small 2000]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
LEVELS = ["NIV3", "NIV4", "NIV5", "NIV6", "NIV7"]


def html(fragment: str) -> str:
    """HTML inside an XML text field, escaped as the real export does."""
    return escape(fragment)


def bloc_xml(number: int, bloc: int) -> str:
    items = "".join(
        f"<li>Compétence {c} du bloc {bloc} — organiser, contrôler, améliorer</li>"
        for c in range(1, 6)
    )
    evaluation = "<p>Étude de cas</p><p>Mise en situation professionnelle</p>"
    return (
        "<BLOC_COMPETENCES>"
        f"<CODE>RNCP{number}BC0{bloc}</CODE>"
        f"<LIBELLE>Bloc {bloc} : piloter l'activité n°{number}</LIBELLE>"
        f"<LISTE_COMPETENCES>{html(f'<ul>{items}</ul>')}</LISTE_COMPETENCES>"
        f"<MODALITES_EVALUATION>{html(evaluation)}</MODALITES_EVALUATION>"
        "</BLOC_COMPETENCES>\n"
    )


def fiche_xml(number: int) -> str:
    level = LEVELS[number % len(LEVELS)]
    routes = "".join(
        f"<SI_JURY_{route}>{'Oui' if route != 'CL' else 'Non'}</SI_JURY_{route}>"
        for route in ("FI", "CA", "FC", "CQ", "CL", "VAE")
    )
    return (
        "<FICHE>\n"
        f"<NUMERO_FICHE>RNCP{number}</NUMERO_FICHE>\n"
        f"<INTITULE>Titre généré n°{number}</INTITULE>\n"
        f"<ACTIF>{'Oui' if number % 5 else 'Non'}</ACTIF>\n"
        f"<NOMENCLATURE_EUROPE><NIVEAU>{level}</NIVEAU>"
        f"<INTITULE>Niveau {level[-1]}</INTITULE></NOMENCLATURE_EUROPE>\n"
        f"<CODES_ROME><ROME><CODE>N{1100 + number % 300}</CODE>"
        "<LIBELLE>Logistique</LIBELLE></ROME></CODES_ROME>\n"
        f"<CODES_NSF><NSF><CODE>{300 + number % 40}</CODE>"
        "<INTITULE>Spécialité</INTITULE></NSF></CODES_NSF>\n"
        "<CERTIFICATEURS><CERTIFICATEUR>"
        f"<NOM_CERTIFICATEUR>Organisme {number % 97}</NOM_CERTIFICATEUR>"
        "</CERTIFICATEUR></CERTIFICATEURS>\n"
        f"<BLOCS_COMPETENCES>{''.join(bloc_xml(number, b) for b in range(1, 5))}"
        "</BLOCS_COMPETENCES>\n"
        f"<ACTIVITES_VISEES>{html('<p>Organiser les flux.</p><p>Encadrer.</p>')}"
        "</ACTIVITES_VISEES>\n"
        f"<CAPACITES_ATTESTEES>{html('<ul><li>Planifier</li><li>Contrôler</li></ul>')}"
        "</CAPACITES_ATTESTEES>\n"
        "<SECTEURS_ACTIVITE>Transport et logistique</SECTEURS_ACTIVITE>\n"
        "<TYPE_EMPLOI_ACCESSIBLES>Responsable d'exploitation</TYPE_EMPLOI_ACCESSIBLES>\n"
        f"{routes}\n"
        "<STATISTIQUES_PROMOTIONS><STATISTIQUES_PROMOTION><ANNEE>2022</ANNEE>"
        f"<NOMBRE_CERTIFIES>{number % 80}</NOMBRE_CERTIFIES>"
        "</STATISTIQUES_PROMOTION></STATISTIQUES_PROMOTIONS>\n"
        "</FICHE>\n"
    )


def write_export(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>')
        for number in range(100_000, 100_000 + count):
            out.write(fiche_xml(number))
        out.write("\n</FICHES>\n")


def manage(env: dict, *args: str) -> int:
    """Run a manage.py command; return the child's own peak resident memory in KiB."""
    child = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), *args], env=env)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"manage.py {args[0]} a échoué ({child.returncode}).")
    return usage.ru_maxrss


def measure(workdir: Path, count: int) -> dict:
    export = workdir / f"export-{count}.xml"
    write_export(export, count)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / f'bench-{count}.sqlite3'}",
        "DJANGO_ENV": "development",
    }
    manage(env, "migrate", "--no-input", "-v", "0")
    started = time.perf_counter()
    peak_kib = manage(env, "import_rncp", str(export), "--batch-size", "500")
    elapsed = time.perf_counter() - started
    return {
        "fiches": count,
        "file_mib": export.stat().st_size / 2**20,
        "seconds": elapsed,
        "rate": count / elapsed,
        "peak_mib": peak_kib / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fiches", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rncp-bench-") as tmp:
        for count in (options.small, options.fiches):
            result = measure(Path(tmp), count)
            print(
                f"{result['fiches']:>6} fiches ({result['file_mib']:.1f} Mio) : "
                f"{result['seconds']:.1f} s, {result['rate']:.0f} fiches/s, "
                f"pic mémoire de l'import {result['peak_mib']:.0f} Mio",
                flush=True,
            )


if __name__ == "__main__":
    main()
