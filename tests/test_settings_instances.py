"""Two instances of the app, one PostgreSQL, one Redis: whatever one instance does, the other
knows at once, because neither keeps state of its own (settings: CACHE_URL, DATABASE_URL).

Each instance is a gunicorn of its own, started as in production (DEBUG off, WhiteNoise),
against the test database; the test drives them over HTTP like a browser.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from motions import services as paper_steps
from motions.models import Paper
from tests import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
REDIS = ("127.0.0.1", 6379)
# A Redis database of its own, so that nothing else's keys are read or written.
CACHE_URL = "redis://127.0.0.1:6379/13"
PASSWORD = "zwei-Instanzen-ein-Faden"


def _redis_answers():
    try:
        with socket.create_connection(REDIS, timeout=1) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _on_postgresql():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


# Decided before any fixture runs, so that nothing is started where the test cannot run.
pytestmark += [
    pytest.mark.skipif(not _on_postgresql(), reason="needs PostgreSQL: two processes share it"),
    pytest.mark.skipif(not _redis_answers(), reason="needs Redis at 127.0.0.1:6379"),
]


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """collectstatic once, as a deployment does before starting gunicorn."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, "STATIC_ROOT": str(root), "DEBUG": "false"},
        check=True,
        timeout=120,
    )
    return root


def _environment(static_root, media_root):
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CACHE_URL": CACHE_URL,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_WORKERS": "1",
        "LOG_LEVEL": "WARNING",
    }


class Instance:
    """One gunicorn serving the app on a port of its own."""

    def __init__(self, environment, log):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env={**environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "gunicorn ended before it served"
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not answer /healthz")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def instances(static_root, tmp_path):
    """Two instances, sharing nothing but the database, Redis and the file storage."""
    environment = _environment(static_root, tmp_path / "media")
    with ExitStack() as stack, open(tmp_path / "gunicorn.log", "wb") as log:
        pair = [Instance(environment, log) for _ in range(2)]
        for instance in pair:
            stack.callback(instance.stop)
        yield [instance.wait() for instance in pair]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies kept across requests to any instance, as one browser keeps them for one site:
    both instances stand behind the same address in production."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def get(self, instance, path):
        return self._open(urllib.request.Request(instance.base + path))

    def post(self, instance, path, data, form=None):
        """POST to `path` with the CSRF token of the form on `form` (default: `path`)."""
        page = self.get(instance, form or path).body
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self._open(urllib.request.Request(instance.base + path, data=body))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read().decode(errors="replace"))

    @property
    def session(self):
        return next((c.value for c in self.cookies if c.name == "sessionid"), None)


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


@pytest.fixture
def staff(spd, settings):
    # The instances check passwords with the production hashers, not the tests' fast MD5.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    person = f.PersonFactory(body=spd.body)
    f.MembershipFactory(person=person, organization=spd, role="faction_staff")
    user = f.user_for(person, username="fraktion")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(browser, instance):
    return browser.post(instance, "/anmelden/", {"username": "fraktion", "password": PASSWORD})


def test_a_login_through_one_instance_is_a_session_on_the_other(instances, staff):
    first, second = instances
    browser = Browser()

    assert log_in(browser, first).status == 302
    response = browser.get(second, "/antraege/unsere/")

    assert response.status == 200
    assert "Abmelden" in response.body


def test_the_session_lives_in_redis(instances, staff):
    import redis

    browser = Browser()

    log_in(browser, instances[0])

    keys = redis.Redis.from_url(CACHE_URL).keys(f"*{browser.session}")
    assert len(keys) == 1


def test_a_logout_through_one_instance_ends_the_session_on_the_other(instances, staff):
    first, second = instances
    browser = Browser()
    log_in(browser, first)
    session = browser.session

    browser.post(first, "/abmelden/", {}, form="/antraege/unsere/")
    browser.cookies.set_cookie(_cookie("sessionid", session))  # a stolen or stale cookie
    response = browser.get(second, "/antraege/unsere/")

    assert response.status == 302
    assert "/anmelden/" in response.headers["Location"]


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0,
        name,
        value,
        None,
        False,
        "127.0.0.1",
        False,
        False,
        "/",
        True,
        False,
        None,
        False,
        None,
        None,
        {},
    )


def test_a_paper_submitted_through_one_instance_is_public_at_once_on_the_other(
    instances, staff, b2, spd
):
    first, second = instances
    paper = f.draft(committee=b2, by=staff, factions=[spd], title="Zwei Rechner, ein Faden")
    browser = Browser()
    log_in(browser, first)
    citizen = Browser()
    assert citizen.get(second, f"/antraege/{paper.pk}/").status == 404

    response = browser.post(first, f"/antraege/{paper.pk}/einreichen/", {})

    assert response.status == 302
    reference = Paper.objects.get(pk=paper.pk).reference
    page = citizen.get(second, f"/antraege/{paper.pk}/")
    assert page.status == 200
    assert reference in page.body


def test_a_register_kept_by_one_instance_shows_a_paper_submitted_through_the_other_at_once(
    instances, staff, b2, spd
):
    first, second = instances
    kept = f.draft(committee=b2, by=staff, factions=[spd], title="Erster Antrag")
    paper_steps.submit(paper=kept, by=staff)
    new = f.draft(committee=b2, by=staff, factions=[spd], title="Zweiter Antrag")
    browser = Browser()
    log_in(browser, first)
    citizen = Browser()
    assert "Erster Antrag" in citizen.get(second, "/antraege/").body
    _change_title_unseen(kept, "Erster Antrag, still geändert")
    assert "still geändert" not in citizen.get(second, "/antraege/").body  # from the cache

    browser.post(first, f"/antraege/{new.pk}/einreichen/", {})

    register = citizen.get(second, "/antraege/").body
    assert "Zweiter Antrag" in register
    assert "still geändert" in register


def _change_title_unseen(paper, title):
    """A change at the database, past Django (and so past the generations of pagecache)."""
    with connection.connection.cursor() as cursor:
        cursor.execute("UPDATE motions_paper SET title = %s WHERE id = %s", [title, paper.pk])
