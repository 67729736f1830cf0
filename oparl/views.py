"""The OParl 1.1 interface at /oparl/v1/: read-only, public data only, JSON in UTF-8, open to
every origin (CORS), errors as JSON with their HTTP status."""

import functools
import json
import logging

from django.http import Http404, HttpResponse

from council.models import Body, Organization
from oparl import council_objects, files, lists, papers
from oparl.base import SCHEMA
from oparl.models import Tombstone

logger = logging.getLogger(__name__)

SOURCES = {s.key: s for s in [*council_objects.SOURCES, *papers.SOURCES, *files.SOURCES]}
# The lists of a body: their name in the URL, and the sources they draw on, in order.
BODY_LISTS = {
    "organization": ["organization"],
    "person": ["person"],
    "meeting": ["meeting"],
    "paper": ["paper", "report"],
    "agenda-item": ["agenda-item"],
    "consultation": ["consultation"],
    "file": [s.key for s in files.SOURCES],
    "location": ["location"],
    "legislative-term": ["legislative-term"],
    "membership": ["membership"],
}


def _json(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error(status, message):
    return _json({"type": SCHEMA + "Error", "status": status, "message": message}, status)


def api(view):
    """Every answer, even an error, is JSON and carries the CORS header."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, "Die Schnittstelle kann nur gelesen werden (GET).")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except lists.BadRequest as exc:
                response = error(400, str(exc))
            except Http404:
                response = error(404, "Dieses Objekt gibt es nicht (oder nicht öffentlich).")
            except Exception:
                logger.exception("OParl: error in %s", request.path)
                response = error(500, "Interner Fehler.")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


@api
def system(request):
    return _json(council_objects.system())


@api
def bodies(request):
    params = lists.parse(request.GET)
    object_list = lists.ObjectList("body/", [(SOURCES["body"], Body.objects.all())], params)
    return _json(files.resolve_checksums(lists.render_page(object_list)))


@api
def body_list(request, pk, name):
    if name not in BODY_LISTS:
        raise Http404
    body = Body.objects.filter(pk=pk).first()
    if body is None:
        raise Http404
    params = lists.parse(request.GET)
    sources = [SOURCES[key] for key in BODY_LISTS[name]]
    parts = [(s, s.rows().filter(**{s.in_body: body.pk})) for s in sources]
    object_list = lists.ObjectList(f"body/{pk}/{name}/", parts, params)
    return _json(files.resolve_checksums(lists.render_page(object_list)))


@api
def organization_meetings(request, pk):
    if not Organization.objects.filter(pk=pk).exists():
        raise Http404
    params = lists.parse(request.GET)
    source = SOURCES["meeting"]
    parts = [(source, source.rows().filter(organizations=pk))]
    object_list = lists.ObjectList(f"organization/{pk}/meeting/", parts, params)
    return _json(files.resolve_checksums(lists.render_page(object_list)))


def _object(key, pk):
    source = SOURCES.get(key)
    if source is None:
        raise Http404
    obj = source.prepared(source.rows().filter(pk=pk)).first()
    return source, obj


@api
def detail(request, key, pk):
    source, obj = _object(key, pk)
    if obj is not None:
        return _json(files.resolve_checksums(source.render(obj, True)))
    # What was public once and is no more: the stub the lists show to `modified_since`.
    tombstone = Tombstone.objects.filter(path=f"{key}/{pk}/").first()
    if tombstone is None:
        raise Http404
    return _json(lists.deleted_stub(tombstone))


@api
def file_content(request, key, pk, download=False):
    source, obj = _object(key, pk)
    if obj is None or source.oparl_type != "File":
        raise Http404
    return files.serve(source, obj, download=download)


@api
def not_found(request, rest=""):
    raise Http404
