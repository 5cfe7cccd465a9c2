"""The ROME 4.0 reader (careers.rome): formats, encodings, streaming, and its errors.

Plain tests, no database: the reader is pure Python. The fixtures in
data/rome/ are written by hand in the shape of France Travail's JSON export
(numbers for code_ogr, "Principale"/"Émergente"/null for coeur_metier, booleans for
principal); the ZIP is built here from them, beside a version.txt.
"""

import json
import pickle
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from careers.rome import (
    RomeFileError,
    RomeMobility,
    jsonstream,
    open_export,
    parse_fiche,
    version_from_name,
    version_from_text,
)
from careers.rome.encoding import repair_utf8_in_iso
from careers.rome.jsonstream import iter_json_array
from tests.careers.rome_support import (
    BAD_CONTENT,
    COEUR_METIER_VARIANTS,
    DATA,
    FIELD_PATHS,
    ISO_FILE,
    UTF8_FILE,
    VERSION_TXT,
    CountingStream,
    FailingStream,
    big_export,
    error_of,
    fiches_json,
    make_zip,
    minimal,
    raw_fiches,
    read_all,
    write,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def official_zip(tmp_path) -> Path:
    return make_zip(
        tmp_path / "RefRomeJson.zip",
        {
            "version.txt": VERSION_TXT.encode(),
            "unix_fiche_emploi_metier_v460.json": UTF8_FILE.read_bytes(),
            "unix_referentiel_competence_v460.json": b"[]",
        },
    )


# --- Reading the official shape ---------------------------------------------------------------


def test_every_field_of_a_fiche_is_read_as_written():
    export = open_export(UTF8_FILE)
    assert (export.version, export.encoding, export.member) == ("460", "utf-8", None)
    fiches = list(export.fiches())
    assert [(f.rank, f.code) for f in fiches] == [
        (1, "N1303"),
        (2, "N1302"),
        (3, "M1707"),
        (4, "D1401"),
    ]
    first = fiches[0]
    assert first.title == "Intervention technique d'exploitation logistique"
    assert first.code_ogr == "1303"
    # Surrounding white space goes, the line break inside stays.
    assert first.definition.startswith("Organise et contrôle")
    assert first.definition.endswith("la main-d'œuvre intérimaire.")
    assert "\nCoordonne" in first.definition
    assert "2 100 € brut" in first.access
    assert first.appellations[0].label == "Chef / Cheffe de quai"
    assert first.appellations[2].short_label == "Gestionnaire de flux"
    assert first.appellations[2].code_ogr == "126544"

    organisation, data = first.savoir_faire
    assert organisation.label == "Organisation de l'activité"
    assert [(s.code_ogr, s.core, s.emerging) for s in organisation.items] == [
        ("300251", True, False),
        ("300412", False, False),
    ]
    assert (data.items[0].label, data.items[0].emerging) == (
        "Utiliser un système de gestion d'entrepôt (WMS)",
        True,
    )
    assert [s.label for s in first.core_skills()] == [
        "Planifier l'activité du quai et répartir les tâches"
    ]
    assert first.savoir_etre[0].label == "Savoir-être professionnels"
    assert [s.label for s in first.savoir_etre[0].items] == [
        "Faire preuve de réactivité",
        "Travailler en équipe",
    ]
    assert [c.label for c in first.savoirs] == ["Domaines d'expertise", "Normes et procédés"]
    assert first.contexts[0].items[0].label == "Travail en horaires décalés"
    assert first.contexts[0].items[0].code_ogr == "300783"
    assert [(s.code, s.is_main) for s in first.sectors] == [("27", True), ("13", False)]
    assert list(export.fiches()) == fiches  # each reading opens the file anew


def test_mobilities_are_sorted_by_their_order_and_keep_targets_absent_from_the_file():
    fiches = read_all(UTF8_FILE)
    codes_in_file = {f.code for f in fiches}
    assert fiches[0].mobilities == (
        RomeMobility("N1302", "Direction de site logistique", "1302", 1),
        RomeMobility(
            "H1302",
            "Management et ingénierie Hygiène Sécurité Environnement -HSE- industriels",
            "345",
            2,
        ),
    )
    assert "H1302" not in codes_in_file
    assert [m.target_code for m in fiches[3].mobilities] == ["M1707", "D1406"]
    assert fiches[1].mobilities == ()


# --- Encodings --------------------------------------------------------------------------------


def test_iso_8859_15_and_utf8_files_give_identical_fiches_with_euro_and_oe_intact():
    iso = open_export(ISO_FILE)
    assert (iso.encoding, iso.version) == ("iso8859_15", "460")
    with pytest.raises(UnicodeDecodeError):
        ISO_FILE.read_bytes().decode("utf-8")  # the fixture really is not UTF-8
    from_iso, from_utf8 = list(iso.fiches()), read_all(UTF8_FILE)
    assert from_iso == from_utf8
    texts = " ".join(f.definition + f.access for f in from_iso)
    assert "€" in texts and "œ" in texts
    # What Latin-1 or a wrong guess would have made of them.
    assert not any(mark in texts for mark in ("¤", "½", "Ã", "â‚¬"))
    assert from_iso[0].appellations[2].label == (
        "Gestionnaire de flux logistiques (œuvrant en entrepôt)"
    )


def test_invalid_utf8_is_iso_8859_15_whatever_the_name(tmp_path):
    unnamed = tmp_path / "fiches.json"
    unnamed.write_bytes(ISO_FILE.read_bytes())
    export = open_export(unnamed)
    assert export.encoding == "iso8859_15"
    assert list(export.fiches()) == read_all(UTF8_FILE)


def test_a_byte_order_mark_is_utf8_and_is_not_part_of_the_text(tmp_path):
    with_bom = tmp_path / "unix_fiche_emploi_metier_v460.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + UTF8_FILE.read_bytes())
    export = open_export(with_bom)
    assert export.encoding == "utf-8-sig"
    assert list(export.fiches()) == read_all(UTF8_FILE)


def test_a_pure_ascii_file_follows_its_name(tmp_path):
    ascii_only = [{"rome": {"code_rome": "A1101", "intitule": "Conduite d'engins agricoles"}}]
    path = tmp_path / "unix_fiche_emploi_metier_v455_iso8859-15.json"
    path.write_bytes(fiches_json(ascii_only))
    export = open_export(path)
    assert (export.encoding, export.version) == ("iso8859_15", "455")
    assert [f.title for f in export.fiches()] == ["Conduite d'engins agricoles"]


def test_a_utf8_field_inside_an_iso_file_is_put_right(tmp_path):
    # Readers of the published exports report such mixed files.
    iso_text = '[{"rome": {"code_rome": "N1303", "intitule": "Cœur de métier"}, '
    utf8_text = '"definition": "Réception des marchandises, budget en €"}]'
    path = tmp_path / "mixed.json"
    path.write_bytes(iso_text.encode("iso8859_15") + utf8_text.encode("utf-8"))
    [fiche] = read_all(path)
    assert fiche.title == "Cœur de métier"
    assert fiche.definition == "Réception des marchandises, budget en €"


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 1000])
def test_a_utf8_field_cut_between_chunks_is_put_right_too(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(jsonstream, "CHUNK_BYTES", chunk)
    fiches = raw_fiches()
    head = fiches_json(fiches[:2]).decode()[:-2]  # without the closing "]"
    tail = json.dumps(minimal(definition="Budget en € et cœur de métier"), ensure_ascii=False)
    path = tmp_path / "mixed.json"
    path.write_bytes(head.encode("iso8859_15") + b",\n" + tail.encode("utf-8") + b"]")
    export = open_export(path)
    assert export.encoding == "iso8859_15"
    read = list(export.fiches())
    assert read[:2] == read_all(UTF8_FILE)[:2]
    assert read[2].definition == "Budget en € et cœur de métier"


def test_the_repair_leaves_genuine_iso_text_alone():
    assert repair_utf8_in_iso(["Cœur « métier » : 2 000 €, été"]) == [
        "Cœur « métier » : 2 000 €, été"
    ]


# --- The official ZIP -------------------------------------------------------------------------


def test_zip_and_lone_file_give_the_same_fiches_and_version(official_zip):
    from_zip = open_export(official_zip)
    lone = open_export(UTF8_FILE)
    assert from_zip.member == "unix_fiche_emploi_metier_v460.json"
    assert from_zip.source_name == "RefRomeJson.zip/unix_fiche_emploi_metier_v460.json"
    assert from_zip.version == lone.version == "460"
    assert from_zip.version_text.startswith("Numero de version : 60")
    assert from_zip.encoding == "utf-8"
    assert list(from_zip.fiches()) == list(lone.fiches())


def test_the_zip_member_is_read_in_place_not_extracted(official_zip):
    before = sorted(official_zip.parent.iterdir())
    assert len(read_all(official_zip)) == 4
    assert sorted(official_zip.parent.iterdir()) == before


def test_an_iso_member_in_a_subfolder_without_version_txt(tmp_path):
    path = make_zip(
        tmp_path / "rome.zip",
        {"RefRomeJson/unix_fiche_emploi_metier_v459_iso8859-15.json": ISO_FILE.read_bytes()},
    )
    export = open_export(path)
    assert (export.version, export.version_text, export.encoding) == ("459", "", "iso8859_15")
    assert list(export.fiches()) == read_all(UTF8_FILE)


@pytest.mark.parametrize(
    ("text", "version"),
    [
        (VERSION_TXT, "460"),
        ("Numéro de version : 61\nTitre/commentaire : ROME 4.0 version 61 - 26M06", "461"),
        ("ROME 4.0 version 61 - 26M06", "461"),
        ("v458", "458"),
        ("460\n", "460"),
        ("", ""),
        ("sans numéro", ""),
    ],
)
def test_version_from_version_txt(text, version):
    assert version_from_text(text) == version


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("unix_fiche_emploi_metier_v460.json", "460"),
        ("dir/unix_fiche_emploi_metier_v451_iso8859-15.json", "451"),
        ("fiches.json", ""),
    ],
)
def test_version_from_a_file_name(name, version):
    assert version_from_name(name) == version


# --- Streaming --------------------------------------------------------------------------------


def test_the_first_fiche_comes_before_the_last_bytes_are_read():
    data = big_export(1200)
    assert len(data) > 4 * jsonstream.CHUNK_BYTES
    stream = CountingStream(data)
    fiches = iter_json_array(stream, encoding="utf-8", source="big.json")
    rank, first = next(fiches)
    assert (rank, first["rome"]["code_rome"]) == (1, "N1303")
    assert stream.bytes_read <= jsonstream.CHUNK_BYTES < len(data)
    reads_so_far = stream.bytes_read
    assert sum(1 for _ in fiches) == 1199
    assert stream.bytes_read == len(data) > reads_so_far


def test_small_chunks_cut_fiches_anywhere_and_change_nothing(monkeypatch):
    expected = read_all(UTF8_FILE)
    for size in (1, 7, 64, 1000):
        monkeypatch.setattr(jsonstream, "CHUNK_BYTES", size)
        assert read_all(UTF8_FILE) == expected
        assert read_all(ISO_FILE) == expected


def peak_memory_of_reading(path: Path, fiches: int) -> int:
    path.write_bytes(big_export(fiches))
    export = open_export(path)
    tracemalloc.start()
    try:
        assert sum(1 for _ in export.fiches()) == fiches
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_file_grows(tmp_path):
    path = tmp_path / "unix_fiche_emploi_metier_v460.json"
    small = peak_memory_of_reading(path, 1000)
    large = peak_memory_of_reading(path, 4000)
    size = path.stat().st_size
    assert size > 9_000_000
    # The buffer (a chunk or two of text) and one fiche, whatever the file's size.
    assert large < 1.3 * small, f"peak {small:,} bytes at 1 000 fiches, {large:,} at 4 000"
    assert large < size / 3


# --- Errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rank", "code", "words"),
    [
        ("bad_truncated.json", 2, "N1302", "tronqué"),
        ("bad_missing_code_rome.json", 2, "", "code ROME absent"),
        ("bad_code_z9999.json", 3, "Z9999", "code ROME « Z9999 » invalide"),
        ("bad_code_n130.json", 1, "N130", "code ROME « N130 » invalide"),
    ],
)
def test_bad_files_name_the_file_the_fiche_and_its_code(name, rank, code, words):
    error = error_of(DATA / name)
    assert (error.source, error.rank, error.code) == (name, rank, code)
    message = str(error)
    assert f"« {name} »" in message and f"fiche n°{rank}" in message and words in message
    if code:
        assert f"({code})" in message


def test_malformed_json_names_the_fiche_being_read_and_where(tmp_path):
    text = UTF8_FILE.read_text(encoding="utf-8").replace(
        '"intitule": "Stratégie commerciale",', '"intitule": "Stratégie commerciale"'
    )
    error = error_of(write(tmp_path, text))
    assert (error.rank, error.code) == (3, "M1707")
    assert "JSON invalide : virgule attendue (ligne 266" in str(error)


@pytest.mark.parametrize(
    ("text", "rank", "words"),
    BAD_CONTENT,
)
def test_each_kind_of_bad_content_is_a_clear_error(tmp_path, text, rank, words):
    error = error_of(write(tmp_path, text))
    assert error.rank == rank
    assert words in str(error)


def test_a_fiche_without_intitule_names_its_code(tmp_path):
    error = error_of(write(tmp_path, '[{"rome": {"code_rome": "D1401", "code_ogr": 1401}}]'))
    assert str(error) == (
        "Fichier « unix_fiche_emploi_metier_v460.json », fiche n°1 (D1401) : "
        "intitulé absent (« rome.intitule »)"
    )


def test_a_fiche_that_never_ends_stops_at_a_bound_not_at_the_end_of_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonstream, "MAX_ELEMENT_CHARS", 50_000)
    text = '[{"rome": {"code_rome": "N1303", "intitule": "x"}}, {"rome": {"code_rome": "N1302", '
    path = write(tmp_path, text + '"intitule": "' + "sans fin " * 20_000)
    error = error_of(path)
    assert (error.rank, error.code) == (2, "N1302")
    assert "fiche démesurée" in str(error)


def test_several_fiches_files_in_a_zip_the_utf8_and_newest_is_read(tmp_path):
    path = make_zip(
        tmp_path / "rome.zip",
        {
            "unix_fiche_emploi_metier_v459.json": b"[]",
            "unix_fiche_emploi_metier_v460_iso8859-15.json": ISO_FILE.read_bytes(),
            "unix_fiche_emploi_metier_v460.json": UTF8_FILE.read_bytes(),
        },
    )
    export = open_export(path)
    assert (export.member, export.version) == ("unix_fiche_emploi_metier_v460.json", "460")


def test_a_zip_without_fiches_lists_what_it_holds(tmp_path):
    path = make_zip(tmp_path / "rome.zip", {"version.txt": b"60", "autre.json": b"[]"})
    with pytest.raises(RomeFileError, match="ne contient pas de fichier de fiches") as caught:
        open_export(path)
    assert "version.txt, autre.json" in str(caught.value)
    assert caught.value.source == "rome.zip"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp / "absent.json", "fichier introuvable"),
        (lambda tmp: tmp, "c'est un dossier"),
        (lambda tmp: write(tmp, "pas une archive", name="rome.zip"), "pas une archive ZIP"),
    ],
)
def test_unreadable_files_are_rome_file_errors(tmp_path, make, words):
    with pytest.raises(RomeFileError, match=words):
        open_export(make(tmp_path))


def test_a_corrupt_zip_member_is_a_rome_file_error(tmp_path):
    data = big_export(300)
    path = make_zip(tmp_path / "rome.zip", {"unix_fiche_emploi_metier_v460.json": data})
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(raw))
    with pytest.raises(RomeFileError):
        read_all(path)


def test_a_member_corrupted_after_opening_names_the_fiche_being_read(tmp_path):
    path = make_zip(tmp_path / "rome.zip", {"unix_fiche_emploi_metier_v460.json": big_export(1200)})
    export = open_export(path)
    # The archive changes between open_export and the import, deep inside the member.
    raw = bytearray(path.read_bytes())
    raw[int(raw.rindex(b"PK\x01\x02") * 0.7)] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(RomeFileError) as caught:
        list(export.fiches())
    assert caught.value.source == "rome.zip/unix_fiche_emploi_metier_v460.json"
    assert caught.value.rank > 1
    assert f"fiche n°{caught.value.rank}" in str(caught.value)


def test_a_read_failure_midway_names_the_fiche_being_read():
    stream = FailingStream(big_export(1200), limit=2 * jsonstream.CHUNK_BYTES)
    with pytest.raises(RomeFileError) as caught:
        for _ in iter_json_array(stream, encoding="utf-8", source="big.json"):
            pass
    assert caught.value.rank > 1
    assert "lecture interrompue : fichier illisible (Input/output error)" in str(caught.value)


def test_rome_file_error_is_a_value_error_that_survives_pickling():
    error = RomeFileError("code ROME absent", source="f.json", rank=3, code="N1303")
    assert isinstance(error, ValueError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.reason, copy.source, copy.rank, copy.code) == (
        "code ROME absent",
        "f.json",
        3,
        "N1303",
    )
    assert str(copy) == str(error) == "Fichier « f.json », fiche n°3 (N1303) : code ROME absent"


# --- Nothing but RomeFileError escapes --------------------------------------------------------


def outcome(path) -> str:
    """ "ok" or "error"; any other exception fails the test that calls it."""
    try:
        read_all(path)
    except RomeFileError:
        return "error"
    return "ok"


def test_every_truncation_and_corruption_of_the_file_is_a_rome_file_error(tmp_path):
    data = UTF8_FILE.read_bytes()
    path = tmp_path / "unix_fiche_emploi_metier_v460.json"
    outcomes = []
    for end in range(0, len(data) - 3, 13):
        path.write_bytes(data[:end])
        outcomes.append(outcome(path))
    assert set(outcomes) == {"error"}
    for spot in range(0, len(data), 29):
        for byte in (0x00, 0x22, 0x7B, 0x5D, 0xFF):
            path.write_bytes(data[:spot] + bytes([byte]) + data[spot + 1 :])
            outcome(path)


def test_every_truncation_of_the_zip_is_a_rome_file_error(tmp_path, official_zip):
    data = official_zip.read_bytes()
    path = tmp_path / "cut.zip"
    for end in range(0, len(data) - 1, 37):
        path.write_bytes(data[:end])
        assert outcome(path) == "error"


@pytest.mark.parametrize("field", FIELD_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_a_field_of_any_type_never_breaks_the_reader(field):
    for value in (None, True, 7, 2.5, "", "x", [], ["x"], {}, {"x": 1}):
        raw = raw_fiches()[0]
        holder = raw
        for key in field[:-1]:
            holder = holder[key]
        holder[field[-1]] = value
        try:
            fiche = parse_fiche(raw, rank=5, source="f.json")
        except RomeFileError as error:
            assert error.rank == 5
            assert str(error).startswith("Fichier « f.json », fiche n°5")
        else:
            assert fiche.code == "N1303"


# --- Variants of the format -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "core", "emerging"),
    COEUR_METIER_VARIANTS,
)
def test_coeur_metier_variants(value, core, emerging):
    raw = minimal(
        competences={
            "savoir_faire": {
                "enjeux": [{"libelle": "E", "items": [{"libelle": "S", "coeur_metier": value}]}]
            }
        }
    )
    skill = parse_fiche(raw, rank=1, source="f.json").savoir_faire[0].items[0]
    assert (skill.core, skill.emerging) == (core, emerging)


def test_an_unknown_coeur_metier_word_is_an_error_not_a_guess():
    raw = minimal(
        competences={
            "savoir_faire": [
                {"libelle": "E", "items": [{"libelle": "S", "coeur_metier": "Peut-être"}]}
            ]
        }
    )
    with pytest.raises(RomeFileError, match=r"coeur_metier » vaut « Peut-être »"):
        parse_fiche(raw, rank=1, source="f.json")


def test_string_codes_flat_lists_and_other_spellings_are_read_alike():
    raw = {
        "code_rome": "N1302",
        "intitule": "Direction de site logistique",
        "code_ogr": "01302",
        "competences": {
            "savoir_faire": [
                {"libelle": "Pilotage", "items": [{"libelle": "Piloter", "code_ogr": "301120"}]}
            ],
            "savoir_etre_professionnel": [
                {"libelle": "Faire preuve de leadership", "code_ogr": "300507"}
            ],
        },
        "secteurs_activite": [{"code": 27, "libelle": "Transport", "principal": "O"}],
        "mobilites": [
            {
                "rome_cible": "N1303 – Intervention technique",
                "code_ogr_rome_cible": "1303",
                "ordre_mobilite": "2",
            },
            {"rome_cible": {"code_rome": "M1707", "intitule": "Stratégie commerciale"}},
            {"rome_cible": "D1401", "ordre_mobilite": "1"},
        ],
    }
    fiche = parse_fiche(raw, rank=1, source="f.json")
    assert (fiche.code, fiche.code_ogr) == ("N1302", "01302")
    assert fiche.savoir_faire[0].items[0].code_ogr == "301120"
    assert fiche.savoir_etre[0].label == ""
    assert fiche.savoir_etre[0].items[0].label == "Faire preuve de leadership"
    assert (fiche.sectors[0].code, fiche.sectors[0].is_main) == ("27", True)
    assert [(m.target_code, m.target_label, m.order) for m in fiche.mobilities] == [
        ("D1401", "", 1),
        ("N1303", "Intervention technique", 2),
        ("M1707", "Stratégie commerciale", None),
    ]
    assert fiche.mobilities[1].target_code_ogr == "1303"


def test_a_mobility_without_a_rome_code_is_an_error():
    raw = minimal(mobilites=[{"rome_cible": "Direction de site logistique"}])
    with pytest.raises(RomeFileError, match="ne commence pas par un code ROME valide"):
        parse_fiche(raw, rank=4, source="f.json")


# --- No Django --------------------------------------------------------------------------------


def test_the_reader_imports_no_django():
    script = (
        "import sys, careers.rome; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True)
