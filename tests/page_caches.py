"""Turning the page caches on for a test (tests/conftest.py turns them off for all others)."""

from django.core.cache import caches

# Each cache of pagecache with the setting of its timeout.
TIMEOUTS = {"pages": "PUBLIC_PAGE_CACHE_SECONDS", "personal_pages": "PERSONAL_PAGE_CACHE_SECONDS"}


def turned_on(settings, *names):
    """A fixture's body: the named caches on for 60 s and empty, and emptied afterwards."""
    for name in names:
        setattr(settings, TIMEOUTS[name], 60)
        caches[name].clear()
    yield
    for name in names:
        caches[name].clear()
