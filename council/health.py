"""Whether this instance can serve: for load balancers, and for readers when the database is away.

/healthz answers 200 "ok" when the database answers, 503 otherwise. When the database goes
away in the middle of a request, the reader gets a German 503 page (rendered without the
database) instead of the general error page; both recover by themselves when it is back, since
every request asks afresh.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

RETRY_AFTER_SECONDS = 30


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def _database_is_away(exception):
    # An error of the connection or the server (down, unreachable, locked), not of a query.
    return isinstance(exception, (OperationalError, InterfaceError))


def server_error(request):
    """The 500 handler: a database that went away is a 503 with its own page."""
    exception = sys.exc_info()[1]
    if exception is not None and _database_is_away(exception):
        html = loader.get_template("503.html").render()
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
