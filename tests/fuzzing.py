"""Tools of the fuzz tests: malformed values, the project's URL patterns, the forms of a page."""

import dataclasses
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# What a browser never sends but a stale page, a proxy, a script or an attacker may: each has
# given a 500 somewhere once (ids beyond 64 bits, NUL in PostgreSQL text, non-ASCII digits that
# int() accepts, numbers with more digits than int() converts, dates outside a datetime's range).
BAD_VALUES = [
    "",
    "-1",
    "0",
    "1.5",
    "abc",
    "\x00",
    "%00",
    "٣",
    "9" * 5000,
    str(2**63),
    str(2**64),
    str(-(2**63) - 1),
    "1e309",
    "x" * 100_000,
    "🦄 Ünïcødé ﷽",
    "' OR 1=1 --",
    '<script>alert("x")</script>',
    "../../etc/passwd",
    "0001-01-01",
    "9999-12-31",
    "9999",
    ["1", str(2**64), "abc"],
]

# For a parameter alone, where the whole table would cost too much: one value of each kind.
SHARP_VALUES = ["", "-1", "abc", "\x00", "٣", "9" * 5000, str(2**64), "9999"]

# The admin's forms answer slowly: for them, one value of each kind.
ADMIN_VALUES = [
    "",
    "\x00",
    "٣",
    "9" * 5000,
    str(2**64),
    "x" * 100_000,
    "0001-01-01",
    ["1", str(2**64), "abc"],
]

BAD_FILES = [
    ("a" * 300 + ".pdf", PDF_BYTES),
    ("語" * 240 + ".pdf", PDF_BYTES),
    ("brief\x00.pdf", PDF_BYTES),
    ("../../brief.pdf", PDF_BYTES),
    ("leer.pdf", b""),
    ("kein.pdf", b"MZ\x90\x00 not a pdf"),
    ("kaputt.docx", b"PK\x03\x04 broken zip"),
]

# Path arguments that match a converter but name nothing, or more than a database holds.
BAD_PATH_VALUES = {"int": [str(2**63), "9" * 30], "path": [str(2**64), "\x00"]}


def bad_file(index):
    name, content = BAD_FILES[index % len(BAD_FILES)]
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def url_patterns(patterns=None, prefix="", namespace=""):
    """Every URL pattern of the project: (qualified name or None, route, {argument: kind})."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from url_patterns(entry.url_patterns, route, inner)
        else:
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            converters = getattr(entry.pattern, "converters", {})
            kinds = {
                argument: "int"
                if type(converters.get(argument)).__name__ == "IntConverter"
                else "path"
                for argument in sorted(entry.pattern.regex.groupindex)
            }
            yield name, route, kinds


def concrete_path(route, values):
    """The path of a route (or regular expression) with its arguments filled in."""
    fill = lambda match: quote(str(values[match[1]]), safe="")  # noqa: E731
    path = re.sub(r"<(?:\w+:)?(\w+)>", fill, route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, path)
    return "/" + path.replace("^", "").replace("$", "")


@dataclasses.dataclass
class Form:
    action: str
    method: str
    fields: dict = dataclasses.field(default_factory=dict)  # name -> values sent as rendered
    buttons: list = dataclasses.field(default_factory=list)  # (name, value) of submit buttons
    files: list = dataclasses.field(default_factory=list)

    def names(self):
        return [*self.fields, *self.files]


class PageParser(HTMLParser):
    """The forms of a page, and the query parameter names its links use, per path."""

    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms = []
        self.params = {}  # path -> parameter names seen in links and GET forms
        self._form = self._select = self._textarea = None
        self._first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "a" and "?" in attrs.get("href", ""):
            link = urljoin(self.url, attrs["href"])
            names = {name for name, _value in parse_qsl(urlsplit(link).query, True)}
            self.params.setdefault(urlsplit(link).path, set()).update(names)
        elif tag == "form":
            action = urlsplit(urljoin(self.url, attrs.get("action") or self.url))
            method = (attrs.get("method") or "get").lower()
            self._form = Form(action=action.path, method=method)
            self.forms.append(self._form)
        elif self._form is not None and attrs.get("name"):
            self._field(tag, attrs)
        elif tag == "option" and self._select is not None:
            self._option(attrs)

    def _field(self, tag, attrs):
        name, fields = attrs["name"], self._form.fields
        kind = attrs.get("type", "text").lower() if tag == "input" else tag
        if tag == "button":
            if attrs.get("type", "submit").lower() == "submit":
                self._form.buttons.append((name, attrs.get("value", "")))
        elif kind in ("submit", "image"):
            self._form.buttons.append((name, attrs.get("value", "")))
        elif kind == "file":
            self._form.files.append(name)
        elif kind in ("checkbox", "radio"):
            values = fields.setdefault(name, [])
            if "checked" in attrs:
                values.append(attrs.get("value", "on"))
        elif tag == "textarea":
            self._textarea = fields.setdefault(name, [""])
        elif tag == "select":
            self._select = fields.setdefault(name, [])
            self._first_option = None if "multiple" in attrs else name
        elif tag == "input":
            fields.setdefault(name, []).append(attrs.get("value", ""))

    def _option(self, attrs):
        if "selected" in attrs:
            self._select.append(attrs.get("value", ""))
        elif self._first_option and not self._select:
            self._select.append(attrs.get("value", ""))  # a browser sends the first option

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            if self._form.method == "get":
                self.params.setdefault(self._form.action, set()).update(self._form.fields)
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None:
                self._textarea[0] = self._textarea[0].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = self._first_option = None


def parse_page(url, html):
    parser = PageParser(url)
    parser.feed(html)
    return parser


def latin_square(names, values):
    """len(values) rows of {name: value}; across them every name gets every value once."""
    return [
        {name: values[(row + column) % len(values)] for column, name in enumerate(names)}
        for row in range(len(values))
    ]


def rolled_back_request(client, method, path, data=None, **extra):
    """One request whose changes are rolled back, so every request meets the same data."""
    with transaction.atomic():
        response = getattr(client, method)(path, data or {}, **extra)
        transaction.set_rollback(True)
    return response
