"""Which generation of the data is current, and starting a new one on every committed write.

Two numbers are kept. `number` counts changes to what the public may see: every write to a
table of the apps in settings.PAGE_CACHE_APPS (but the models of PAGE_CACHE_IGNORED_MODELS)
starts a new one once its transaction has committed. `everything` counts every committed write
to any table but the sessions and this one (a session's data is part of each personal page's
key, pagecache.decorators): a notification, a changed permission, a user's new group. The writes are seen where they reach the database, not through model
signals, because the services also change rows with QuerySet.update(), bulk_create() and
deletes of querysets, which send no signals; a write that a future change adds is seen the same.

The number lives in the database, not in the cache: with each process's own memory as the cache
(one machine, no Redis), a number kept there would only be known to the process that wrote.
"""

import logging
import re

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F

from pagecache.models import Generation

logger = logging.getLogger(__name__)

# Django writes `INSERT INTO "table"`, `UPDATE "table"`, `DELETE FROM "table"` on every backend,
# and on SQLite `INSERT OR IGNORE INTO` (bulk_create with ignore_conflicts) or `OR REPLACE`.
_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE
)

_watched_tables = None


def watched_tables():
    """The tables whose rows can reach a public page: every table of PAGE_CACHE_APPS (with their
    many-to-many tables) but the models named in PAGE_CACHE_IGNORED_MODELS."""
    global _watched_tables
    if _watched_tables is None:
        ignored = {label.lower() for label in settings.PAGE_CACHE_IGNORED_MODELS}
        tables = set()
        for label in settings.PAGE_CACHE_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                if model._meta.label_lower not in ignored:
                    tables.add(model._meta.db_table)
        _watched_tables = frozenset(tables)
    return _watched_tables


# Writes that start no generation at all: a session's own row (its data is in the key of each
# page kept for it) and the generation row itself.
UNWATCHED_TABLES = frozenset({"django_session", Generation._meta.db_table})


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql)
    if match and match.group(1) not in UNWATCHED_TABLES:
        data_changed(context["connection"].alias, public=match.group(1) in watched_tables())
    return result


def watch_writes(sender, connection, **kwargs):
    """connection_created: watch every statement of the new connection."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def data_changed(using="default", public=False):
    """Start a new generation when the current transaction commits (at once outside one):
    of everything, and of public data too if `public`."""
    connection = connections[using]
    # One new generation for a transaction with a thousand writes, not a thousand: a callback
    # that is waiting for this transaction's commit will do, told if a write was public.
    if connection.in_atomic_block:
        for _sids, callback, _robust in connection.run_on_commit:
            if getattr(callback, "waiting", False):
                callback.public = callback.public or public
                return

    def bump():
        bump.waiting = False
        try:
            _next_generation(using, bump.public)
        except DatabaseError:
            # The change itself has committed; pages kept before it age out by their timeout
            # (PUBLIC_PAGE_CACHE_SECONDS, PERSONAL_PAGE_CACHE_SECONDS).
            logger.exception("could not start a new generation of pages")

    bump.waiting = True
    bump.public = public
    transaction.on_commit(bump, using=using, robust=True)


def _next_generation(using, public):
    # Its own short statement after the commit: concurrent writers never wait on this row
    # while their transactions run.
    changes = {"everything": F("everything") + 1}
    if public:
        changes["number"] = F("number") + 1
    if not Generation.objects.using(using).filter(pk=1).update(**changes):
        # The row was lost (a partial restore): start above the 0 that current() read meanwhile.
        Generation.objects.using(using).get_or_create(pk=1, defaults={"number": 1, "everything": 1})


def current(using="default"):
    """The current generation of public data (one query by primary key)."""
    number = Generation.objects.using(using).filter(pk=1).values_list("number", flat=True)
    return next(iter(number), 0)


def current_of_everything(using="default"):
    """The current generation of all data (one query by primary key)."""
    number = Generation.objects.using(using).filter(pk=1).values_list("everything", flat=True)
    return next(iter(number), 0)
