"""cache_public: keep a public page as citizens get it, until anything public changes.
cache_personal: keep a staff page for the one session it was rendered for, until anything changes.

Only a request that carries nothing of a person is answered from the cache or fills it: a GET
without a login and without any cookie but the CSRF and language cookies. A page rendered for
someone logged in, for a session, with a message, a CSRF token or a cookie of its own is never
stored, so no cached page reaches anyone who may see less than citizens do, and no one who may
see more is ever given the citizens' page.

Pages are kept in the "pages" cache (settings.CACHES: each process's memory) under the current
generation (pagecache.generations): a committed change to
anything public makes every earlier page unreachable at once, on every instance. The timeout
(settings.PUBLIC_PAGE_CACHE_SECONDS, 0 turns caching off) bounds what only time changes:
"overdue", "upcoming", today's mandates.
"""

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from pagecache import generations

KEY_PREFIX = "pagecache"
# A larger answer (a calendar of many years, say) is rendered for each request instead.
MAX_BYTES = 5_000_000
# A staff page is kept once for each session: a smaller bound keeps a process's memory small.
PERSONAL_MAX_BYTES = 2_000_000


def cache_public(view):
    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if not seconds or not _as_citizen(request):
            return view(request, *args, **kwargs)
        kept = (caches["pages"], page_key(request), seconds, _storable)
        return _kept_or_rendered(kept, view, request, args, kwargs)

    return cached_view


def _kept_or_rendered(kept, view, request, args, kwargs):
    """The page kept under `key`, else the view's answer, kept if `storable` says so."""
    cache, key, seconds, storable = kept
    page = cache.get(key)
    if page is not None:
        return _thaw(page)
    response = view(request, *args, **kwargs)
    if getattr(response, "is_rendered", True) is False:
        response = response.render()
    if storable(request, response):
        cache.set(key, _freeze(response), seconds)
    return response


def cache_personal(view):
    """Keep a page for the session that asked for it, as long as nothing at all has changed.

    For the pages staff reload all day (work lists, inboxes, the meeting day). The key holds
    everything such a page is rendered from: the address, the language, the day, the generation
    of all data (a notification, a new group, a changed permission start a new one), the session
    (its key and a digest of its data: the user, the password's hash, anything a page keeps
    there) and the CSRF cookie (the page's forms carry tokens of its secret). So a page is only
    ever given back to the browser it was made for, and only while nothing it shows can have
    changed. A request with a message waiting renders afresh, and a page that showed a message,
    wrote to the session or set a cookie of its own is never kept. Pages live in each process's
    memory ("personal_pages"); PERSONAL_PAGE_CACHE_SECONDS (0 turns it off) bounds what only
    time changes.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.PERSONAL_PAGE_CACHE_SECONDS
        key = seconds and _personal_key(request)
        if not key:
            return view(request, *args, **kwargs)
        kept = (caches["personal_pages"], key, seconds, _storable_for_session)
        return _kept_or_rendered(kept, view, request, args, kwargs)

    return cached_view


def _personal_key(request):
    """The key of this request's page, or None if it must be rendered afresh."""
    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if request.method != "GET" or not csrf_cookie:
        return None
    if CookieStorage.cookie_name in request.COOKIES:
        return None  # a message waits to be shown once (one kept in the session changes its digest)
    # Read before the user and the session are: a page is then never kept under a generation
    # newer than the data it was rendered from (a change committed in between only makes it
    # unreachable sooner).
    generation = generations.current_of_everything()
    if not request.user.is_authenticated:
        return None
    session = request.session
    if not session.session_key:
        return None
    data = json.dumps(dict(session.items()), sort_keys=True, default=str)
    person = hashlib.sha256(
        "\n".join([session.session_key, data, csrf_cookie]).encode()
    ).hexdigest()
    return _key(request, "personal", generation, person)


def _storable_for_session(request, response):
    # The page's CSRF tokens must come from the secret in the cookie that is part of the key,
    # not from a new one this response would set.
    if request.META.get("CSRF_COOKIE") != request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        return False
    if "no-store" in _cache_control(response):
        return False
    messages = getattr(request, "_messages", None)
    return _kept_unchanged(request, response, PERSONAL_MAX_BYTES) and not getattr(
        messages, "used", False
    )


def _as_citizen(request):
    if request.method != "GET":
        return False
    neutral = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if not set(request.COOKIES) <= neutral:
        return False  # a session, a message, anything of a person's own
    return not request.user.is_authenticated


def page_key(request):
    return _key(request, KEY_PREFIX, generations.current())


def _key(request, prefix, generation, *parts):
    """A page's key: its kind, the generation it was rendered at, the language, the day, what
    else the kind names (`parts`), and the address."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    day = timezone.localdate().isoformat()
    return ":".join([prefix, str(generation), language, day, *parts, address])


def _storable(request, response):
    if {"private", "no-store", "no-cache"} & _cache_control(response):
        return False
    if {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()} - {"cookie"}:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: it belongs to this browser
    return _kept_unchanged(request, response, MAX_BYTES)


def _kept_unchanged(request, response, max_bytes):
    """What any kept page must be: a whole 200 of at most `max_bytes` that set no cookie, left
    the session as it was and added no message."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > max_bytes:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "_queued_messages", None)


def _cache_control(response):
    return {
        part.split("=")[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


def _freeze(response):
    return (response.status_code, list(response.items()), response.content)


def _thaw(kept):
    status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
