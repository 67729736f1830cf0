"""Where OParl objects come from: a server (followed from its System object) or a directory of
JSON files. Both yield the top-level objects of every list together with the list's type and
body; the store takes embedded objects apart."""

import json
import logging
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

log = logging.getLogger("oparl_import")

# The lists a Body links to, and the type of the objects in each.
BODY_LISTS = {
    "organization": "Organization",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "agendaItem": "AgendaItem",
    "paper": "Paper",
    "consultation": "Consultation",
    "file": "File",
    "locationList": "Location",
    "legislativeTermList": "LegislativeTerm",
}
MAX_PAGES = 100_000


def normalise_id(url):
    """One key for the URLs a server spells one object with: http and https, a trailing
    slash, an upper-case host. (Servers differ in what else they vary; see Dialect.)"""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip() or None
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", parts.netloc.lower(), path, parts.query, "")).lstrip("/")


def type_of(obj, default=None):
    """'Paper' from 'https://schema.oparl.org/1.1/Paper' (and from 1.0's URI alike)."""
    uri = obj.get("type") if isinstance(obj, dict) else None
    if isinstance(uri, str) and uri.rstrip("/"):
        return uri.rstrip("/").rsplit("/", 1)[-1]
    return default


class SourceError(Exception):
    """A page or object that could not be read (after retries)."""


class HttpSource:
    """An OParl server. One connection pool for the whole run; timeouts; retries with backoff
    on connection errors and 5xx answers; a 404 is an answer (None), not an error."""

    def __init__(self, url, *, since=None, body=None, retries=3, backoff=0.5, client=None):
        self.url = url
        self.since = since
        self.body = normalise_id(body) if body else None
        self.retries = retries
        self.backoff = backoff
        self.failures = []  # (url, reason) of pages that could not be read
        self.client = client or httpx.Client(
            timeout=httpx.Timeout(30.0, connect=10.0),
            follow_redirects=True,
            headers={"Accept": "application/json", "User-Agent": "Ratsfaden-OParl-Import"},
            limits=httpx.Limits(max_keepalive_connections=4),
        )

    def close(self):
        self.client.close()

    def get(self, url, params=None):
        """The JSON at `url`, or None for a 404/410. Raises SourceError when it stays broken."""
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = self.client.get(url, params=params)
            except httpx.HTTPError as error:
                reason = f"{type(error).__name__}: {error}"
                continue
            if response.status_code in (404, 410):
                return None
            if response.status_code >= 500 or response.status_code == 429:
                reason = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise SourceError(f"HTTP {response.status_code}")
            try:
                return response.json()
            except ValueError:
                raise SourceError("kein JSON") from None
        raise SourceError(reason)

    def fetch(self, object_id):
        """One object, fetched directly (for references the lists did not deliver)."""
        try:
            data = self.get(object_id)
        except SourceError as error:
            log.warning("Nicht abrufbar: %s (%s)", object_id, error)
            return None
        return data if isinstance(data, dict) and data.get("id") else None

    def pages(self, list_url, kind):
        """The objects of a paginated list. Stops at a `next` already followed, and at a page
        that brings nothing new (servers that repeat a page under a new URL)."""
        seen_urls, seen_ids = set(), set()
        url = list_url
        params = {"modified_since": self.since} if self.since else None
        for _ in range(MAX_PAGES):
            seen_urls.add(url)
            try:
                page = self.get(url, params=params)
            except SourceError as error:
                self.failures.append((url, str(error)))
                log.warning("Listenseite nicht lesbar, Liste abgebrochen: %s (%s)", url, error)
                return
            if page is None:
                self.failures.append((url, "HTTP 404"))
                return
            items = page.get("data", []) if isinstance(page, dict) else page
            new = 0
            for item in items if isinstance(items, list) else []:
                key = normalise_id(item.get("id")) if isinstance(item, dict) else None
                if key and key not in seen_ids:
                    seen_ids.add(key)
                    new += 1
                    yield item
            links = page.get("links", {}) if isinstance(page, dict) else {}
            following = links.get("next") if isinstance(links, dict) else None
            if not following or following in seen_urls or not new:
                if following and (following in seen_urls or not new):
                    log.warning("Schleife in den next-Links von %s beendet", list_url)
                return
            # The next link carries the filter itself (OParl 1.1); a server that drops it
            # simply sends everything, which the hashes then find unchanged.
            url, params = following, None

    def objects(self):
        """(object, kind, body id) of every list of every body of the system."""
        system = self.get(self.url)
        if not isinstance(system, dict):
            raise SourceError(f"Kein OParl-System unter {self.url}")
        if type_of(system) == "Body":
            bodies = [system]
        else:
            yield system, "System", None
            bodies_url = system.get("body")
            if isinstance(bodies_url, list):
                bodies = bodies_url
            elif bodies_url:
                bodies = list(self.pages(bodies_url, "Body"))
            else:
                bodies = []
        for body in bodies:
            if isinstance(body, str):
                body = self.fetch(body)
            if not isinstance(body, dict) or not body.get("id"):
                continue
            body_id = normalise_id(body["id"])
            if self.body and body_id != self.body:
                continue
            yield body, "Body", body_id
            for field, kind in BODY_LISTS.items():
                list_url = body.get(field)
                if isinstance(list_url, str):
                    for item in self.pages(list_url, kind):
                        yield item, kind, body_id

    def download(self, url, target):
        """Write the file at `url` into the open binary `target`; its size, or SourceError."""
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise SourceError(f"HTTP {response.status_code}")
                size = 0
                for chunk in response.iter_bytes(65536):
                    target.write(chunk)
                    size += len(chunk)
                return size
        except httpx.HTTPError as error:
            raise SourceError(f"{type(error).__name__}: {error}") from None


class DirectorySource(HttpSource):
    """A directory of JSON files: single objects, list pages ({"data": [...]}) or arrays.
    References are resolved among the files; files are downloaded from their URLs."""

    def __init__(self, path, *, since=None, body=None, **kwargs):
        super().__init__(str(path), since=since, body=body, **kwargs)
        self.path = Path(path)

    def fetch(self, object_id):
        return None

    def objects(self):
        for file in sorted(self.path.rglob("*.json")):
            try:
                content = json.loads(file.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as error:
                self.failures.append((file.name, str(error)))
                log.warning("Datei nicht lesbar: %s (%s)", file.name, error)
                continue
            items = (
                content.get("data") if isinstance(content, dict) and "data" in content else content
            )
            for item in items if isinstance(items, list) else [items]:
                if isinstance(item, dict) and item.get("id"):
                    yield item, type_of(item), None
