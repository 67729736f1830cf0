"""Links that leave the site (in e-mails, feeds, calendars) need the site's own address."""

from django.conf import settings


def absolute_url(path):
    """`path` on the public address of this installation (SITE_URL, else the first host)."""
    base = settings.SITE_URL
    if not base:
        host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "")), "localhost")
        host = host.lstrip(".")
        base = f"http://{host}:8000" if settings.DEBUG else f"https://{host}"
    return base.rstrip("/") + path
