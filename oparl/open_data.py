"""Bulk downloads: every public object as CSV (one file per type, zipped, with a README of the
columns) and as OParl JSON, written by `manage.py export_open_data` into OPEN_DATA_ROOT.

The JSON holds exactly the objects of the OParl interface; the CSV files flatten them, so that
both say the same and neither can show more than the interface.
"""

import csv
import datetime
import io
import json
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from oparl.base import EXT
from oparl.files import resolve_checksums

CHUNK = 500
FILE_NAME = re.compile(r"^ratsfaden-(csv|json)-(\d{4}-\d{2}-\d{2})\.zip$")


def _join(values):
    return " | ".join(values or [])


def _id(obj, field):
    return obj.get(field) or ""


# Per file: the sources it draws on, and its columns: (name, description, value of an object).
TABLES = {
    "organisationen": (
        ["organization"],
        [
            ("id", "OParl-Adresse der Organisation", lambda o: o["id"]),
            ("name", "Name", lambda o: o.get("name")),
            ("kurzname", "Kurzbezeichnung", lambda o: o.get("shortName")),
            ("art", "Art: council, committee, faction, administration, other", lambda o: o.get(EXT + "kind")),
            ("organisationstyp", "OParl organizationType", lambda o: o.get("organizationType")),
            ("klassifikation", "Klassifikation", lambda o: o.get("classification")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "personen": (
        ["person"],
        [
            ("id", "OParl-Adresse der Person", lambda o: o["id"]),
            ("name", "Name mit Titel", lambda o: o.get("name")),
            ("vorname", "Vorname", lambda o: o.get("givenName")),
            ("nachname", "Nachname", lambda o: o.get("familyName")),
            ("anrede", "Anrede", lambda o: o.get("formOfAddress")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "mitgliedschaften": (
        ["membership"],
        [
            ("id", "OParl-Adresse der Mitgliedschaft", lambda o: o["id"]),
            ("person", "OParl-Adresse der Person", lambda o: o.get("person")),
            ("organisation", "OParl-Adresse der Organisation", lambda o: o.get("organization")),
            ("rolle", "Funktion", lambda o: o.get("role")),
            ("stimmberechtigt", "ja/nein", lambda o: "ja" if o.get("votingRight") else "nein"),
            ("fuer_fraktion", "OParl-Adresse der Fraktion", lambda o: o.get("onBehalfOf")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
        ],
    ),
    "sitzungen": (
        ["meeting"],
        [
            ("id", "OParl-Adresse der Sitzung", lambda o: o["id"]),
            ("name", "Bezeichnung", lambda o: o.get("name")),
            ("beginn", "Beginn (ISO 8601 mit Zeitzone)", lambda o: o.get("start")),
            ("ende", "Ende (ISO 8601 mit Zeitzone)", lambda o: o.get("end")),
            ("status", "terminiert, eingeladen, durchgeführt oder abgesagt", lambda o: o.get("meetingState")),
            ("gremien", "OParl-Adressen der Gremien, getrennt durch |", lambda o: _join(o.get("organization"))),
            ("ort", "Ort", lambda o: (o.get("location") or {}).get("description")),
            ("raum", "Raum", lambda o: (o.get("location") or {}).get("room")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "tagesordnungspunkte": (
        ["agenda-item"],
        [
            ("id", "OParl-Adresse des Punktes", lambda o: o["id"]),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: o.get("meeting")),
            ("nummer", "TOP, z. B. „Ö 5“", lambda o: o.get("number")),
            ("reihenfolge", "Position in der Tagesordnung", lambda o: o.get("order")),
            ("oeffentlich", "ja/nein (nicht öffentliche Punkte nur mit Nummer)", lambda o: "ja" if o.get("public") else "nein"),
            ("titel", "Titel", lambda o: o.get("name")),
            ("ergebnis", "Ergebnis", lambda o: o.get("result")),
            ("beschlusstext", "Beschlusstext", lambda o: o.get("resolutionText")),
            ("ja", "Ja-Stimmen (nach Freigabe der Niederschrift)", lambda o: (o.get(EXT + "votes") or {}).get("yes")),
            ("nein", "Nein-Stimmen", lambda o: (o.get(EXT + "votes") or {}).get("no")),
            ("enthaltungen", "Enthaltungen", lambda o: (o.get(EXT + "votes") or {}).get("abstain")),
            ("einstimmig", "ja, wenn einstimmig", lambda o: "ja" if (o.get(EXT + "votes") or {}).get("unanimous") else ""),
            ("beratung", "OParl-Adresse der Beratung", lambda o: o.get("consultation")),
        ],
    ),
    "drucksachen": (
        ["paper", "report"],
        [
            ("id", "OParl-Adresse der Drucksache oder des Berichts", lambda o: o["id"]),
            ("nummer", "Drucksachennummer", lambda o: o.get("reference")),
            ("art", "Antrag, Anfrage, Änderungsantrag oder Bericht", lambda o: o.get("paperType")),
            ("betreff", "Betreff", lambda o: o.get("name")),
            ("datum", "Datum (JJJJ-MM-TT)", lambda o: o.get("date")),
            ("stand", "Stand (ratsfaden:state)", lambda o: o.get(EXT + "state")),
            ("ergebnis", "Ergebnis (ratsfaden:outcome)", lambda o: o.get(EXT + "outcome")),
            ("antragsteller", "OParl-Adressen der Fraktionen oder der Verwaltungseinheit, getrennt durch |", lambda o: _join(o.get("originatorOrganization"))),
            ("gremium", "OParl-Adresse des adressierten Gremiums", lambda o: _join(o.get("underDirectionOf"))),
            ("eingereicht", "Einreichung (ISO 8601)", lambda o: o.get(EXT + "submitted") or o.get(EXT + "published")),
            ("antragsfrist", "Antragsfrist (ISO 8601)", lambda o: o.get(EXT + "filingDeadline")),
            ("bericht_faellig", "Bericht fällig am (JJJJ-MM-TT)", lambda o: o.get(EXT + "reportDue")),
            ("bericht_eingegangen", "Bericht eingegangen (ISO 8601)", lambda o: o.get(EXT + "reportReceived")),
            ("bezug", "OParl-Adressen der Drucksachen, auf die sich ein Bericht bezieht", lambda o: _join(o.get("relatedPaper"))),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "berichtsauftraege": (
        ["paper"],
        [
            ("drucksache", "OParl-Adresse der Drucksache", lambda r: r["paper"]),
            ("einheit", "OParl-Adresse der berichtenden Verwaltungseinheit", lambda r: r.get("unit")),
            ("form", "written, oral oder written_and_oral", lambda r: r.get("form")),
            ("faellig", "fällig am (JJJJ-MM-TT)", lambda r: r.get("dueDate")),
            ("sitzung", "OParl-Adresse der Sitzung, zu der berichtet werden soll", lambda r: r.get("dueMeeting")),
            ("angefordert", "angefordert (ISO 8601)", lambda r: r.get("requested")),
            ("beantwortet", "beantwortet (ISO 8601)", lambda r: r.get("answered")),
            ("stand", "open, overdue, answeredOnTime oder answeredLate (am Tag des Exports)", lambda r: r.get("status")),
            ("bericht", "OParl-Adresse des Berichts", lambda r: r.get("report")),
        ],
    ),
    "beratungen": (
        ["consultation"],
        [
            ("id", "OParl-Adresse der Beratung", lambda o: o["id"]),
            ("drucksache", "OParl-Adresse der Drucksache", lambda o: o.get("paper")),
            ("position", "Position in der Beratungsfolge", lambda o: o.get(EXT + "position")),
            ("gremium", "OParl-Adresse des Gremiums", lambda o: _join(o.get("organization"))),
            ("rolle", "Vorberatung, Entscheidung oder Kenntnisnahme", lambda o: o.get("role")),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: o.get("meeting")),
            ("tagesordnungspunkt", "OParl-Adresse des Tagesordnungspunktes", lambda o: o.get("agendaItem")),
        ],
    ),
    "dateien": (
        ["attachment", "report-attachment", "report-pdf", "invitation", "agenda", "minutes"],
        [
            ("id", "OParl-Adresse der Datei", lambda o: o["id"]),
            ("name", "Bezeichnung", lambda o: o.get("name")),
            ("dateiname", "Dateiname", lambda o: o.get("fileName")),
            ("mimetyp", "Dateityp", lambda o: o.get("mimeType")),
            ("groesse", "Größe in Bytes", lambda o: o.get("size")),
            ("sha1", "SHA-1-Prüfsumme", lambda o: o.get("sha1Checksum")),
            ("herunterladen", "Adresse zum Herunterladen", lambda o: o.get("downloadUrl")),
            ("drucksache", "OParl-Adresse der Drucksache", lambda o: _join(o.get("paper"))),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: _join(o.get("meeting"))),
        ],
    ),
    "orte": (
        ["location"],
        [
            ("id", "OParl-Adresse des Ortes", lambda o: o["id"]),
            ("bezeichnung", "Bezeichnung", lambda o: o.get("description")),
            ("raum", "Raum", lambda o: o.get("room")),
            ("strasse", "Straße und Hausnummer", lambda o: o.get("streetAddress")),
            ("plz", "Postleitzahl", lambda o: o.get("postalCode")),
            ("ort", "Ort", lambda o: o.get("locality")),
        ],
    ),
    "wahlperioden": (
        ["legislative-term"],
        [
            ("id", "OParl-Adresse der Wahlperiode", lambda o: o["id"]),
            ("name", "Name", lambda o: o.get("name")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
        ],
    ),
}


def root():
    return Path(settings.OPEN_DATA_ROOT)


def objects(source):
    """Every object of a source as the interface shows it, read in chunks of bounded size."""
    after = 0
    while True:
        rows = list(
            source.prepared(source.rows().filter(pk__gt=after).order_by("pk")).order_by("pk")[
                :CHUNK
            ]
        )
        if not rows:
            return
        yield from resolve_checksums([source.render(row, True) for row in rows])
        after = rows[-1].pk


def _rows(name, source_objects):
    if name == "berichtsauftraege":
        for paper in source_objects:
            for request in paper.get(EXT + "reportRequests", []):
                yield {"paper": paper["id"], **request}
    else:
        yield from source_objects


def cell(value):
    """A cell a spreadsheet does not run as a formula (CSV injection)."""
    if value is None:
        return ""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def readme(day):
    lines = [
        "Offene Daten des Ratsinformationssystems (Ratsfaden)",
        f"Stand: {day.isoformat()}",
        "",
        "Alle öffentlichen Daten, eine CSV-Datei je Art (Trennzeichen Semikolon, UTF-8 mit BOM).",
        "Jede Zeile nennt ihr Objekt mit seiner Adresse in der OParl-1.1-Schnittstelle (id);",
        "Bezüge zwischen den Dateien sind diese Adressen. Mehrere Werte sind durch | getrennt.",
        "",
    ]
    for name, (_sources, columns) in TABLES.items():
        lines += [f"{name}.csv", *(f"  {col}: {text}" for col, text, _f in columns), ""]
    return "\n".join(lines)


def export(*, sources, today=None, progress=None):
    """Write today's CSV and JSON archives, remove older ones; return the paths written."""
    today = today or timezone.localdate()
    target = root()
    target.mkdir(parents=True, exist_ok=True)
    csv_path = target / f"ratsfaden-csv-{today.isoformat()}.zip"
    json_path = target / f"ratsfaden-json-{today.isoformat()}.zip"
    with (
        zipfile.ZipFile(_temporary(csv_path), "w", zipfile.ZIP_DEFLATED) as csv_zip,
        zipfile.ZipFile(_temporary(json_path), "w", zipfile.ZIP_DEFLATED) as json_zip,
    ):
        csv_zip.writestr(_entry("README.txt"), readme(today))
        written_json = set()
        for name, (keys, columns) in TABLES.items():
            if progress:
                progress(name)
            with csv_zip.open(_entry(f"{name}.csv"), "w") as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                writer = csv.writer(out, delimiter=";")
                writer.writerow([col for col, _text, _f in columns])
                for key in keys:
                    stream = _json_stream(json_zip, key, written_json)
                    for obj in _rows(name, _tee(objects(sources[key]), stream)):
                        writer.writerow([cell(f(obj)) for _c, _t, f in columns])
                    if stream:
                        stream.close()
                out.flush()
                out.detach()
        stream = _json_stream(json_zip, "body", written_json)
        for obj in objects(sources["body"]):
            stream.write(obj)
        stream.close()
    for path in (csv_path, json_path):
        _temporary(path).replace(path)
    for old in target.iterdir():
        match = FILE_NAME.match(old.name)
        if match and old not in (csv_path, json_path):
            old.unlink()
    return [csv_path, json_path]


def _entry(name):
    """An archive member that unpacks readable for everyone, dated now."""
    info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _temporary(path):
    return path.with_suffix(".zip.tmp")


class _JsonArray:
    """Writes objects one by one as a JSON array into the archive."""

    def __init__(self, raw):
        self.out = io.TextIOWrapper(raw, encoding="utf-8")
        self.out.write("[")
        self.first = True

    def write(self, obj):
        self.out.write(("" if self.first else ",\n") + json.dumps(obj, ensure_ascii=False))
        self.first = False

    def close(self):
        self.out.write("]\n")
        self.out.close()


def _json_stream(json_zip, key, written):
    """The JSON file of a source, written once even if two CSV files read the source."""
    if key in written:
        return None
    written.add(key)
    return _JsonArray(json_zip.open(_entry(f"{key}.json"), "w"))


def _tee(iterable, stream):
    for obj in iterable:
        if stream:
            stream.write(obj)
        yield obj


def available():
    """The archives there are: [{"kind", "date", "name", "size"}], newest first."""
    found = []
    if root().is_dir():
        for path in root().iterdir():
            match = FILE_NAME.match(path.name)
            if match:
                found.append(
                    {
                        "kind": match[1],
                        "date": datetime.date.fromisoformat(match[2]),
                        "name": path.name,
                        "size": path.stat().st_size,
                    }
                )
    return sorted(found, key=lambda f: (f["date"], f["kind"]), reverse=True)
