"""Checking OParl output against the official 1.1 schemas, and walking the interface."""

import datetime
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema

SCHEMA_DIR = Path(__file__).parent / "oparl_schema"
SCHEMA = "https://schema.oparl.org/1.1/"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A date-time must carry its offset (Z or ±hh:mm).
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

checker = jsonschema.FormatChecker()


@checker.checks("url")
def _is_url(value):
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@checker.checks("date")
def _is_date(value):
    if not DATE.match(value):
        return False
    datetime.date.fromisoformat(value)
    return True


@checker.checks("date-time", raises=ValueError)
def _is_date_time(value):
    if not DATE_TIME.match(value):
        raise ValueError(f"no date-time with offset: {value}")
    datetime.datetime.fromisoformat(value)
    return True


_validators = {}


def validator(oparl_type):
    if oparl_type not in _validators:
        schema = json.loads((SCHEMA_DIR / f"{oparl_type}.json").read_text())
        _validators[oparl_type] = jsonschema.Draft4Validator(schema, format_checker=checker)
    return _validators[oparl_type]


def objects_in(data):
    """Every OParl object in `data`, embedded ones included."""
    if isinstance(data, dict):
        if isinstance(data.get("type"), str) and data["type"].startswith(SCHEMA):
            yield data
        for value in data.values():
            yield from objects_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from objects_in(value)


def schema_errors(data):
    """[(id, message)] for every object in `data` that breaks its schema, or lacks the dates
    every object must carry."""
    errors = []
    for obj in objects_in(data):
        oparl_type = obj["type"].removeprefix(SCHEMA)
        errors += [(obj.get("id"), e.message) for e in validator(oparl_type).iter_errors(obj)]
        if not obj.get("deleted"):
            errors += [
                (obj.get("id"), f"no {field}")
                for field in ("created", "modified")
                if field not in obj
            ]
        required = validator(oparl_type).schema.get("required", [])
        errors += [
            (obj.get("id"), f"empty {k}")
            for k, v in obj.items()
            if v in (None, [], "") and k not in required
        ]
    return errors


def urls_in(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from urls_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from urls_in(value)
    elif isinstance(data, str) and data.startswith("http://testserver/"):
        yield data
