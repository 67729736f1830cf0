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
from oparl.open_data_columns import TABLES

CHUNK = 500
FILE_NAME = re.compile(r"^ratsfaden-(csv|json)-(\d{4}-\d{2}-\d{2})\.zip$")


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
