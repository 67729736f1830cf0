"""`make run` serves the demo as production would: the product's own German error pages, static
files from the collected, hashed copies, and a login that works over plain HTTP on 127.0.0.1."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What the test run sets for itself (pyproject's pytest-env) is not what `make run` gets.
OWN_SETTINGS = ("DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DATABASE_URL", "GUNICORN_BIND")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """`make run` on a free port and a database of its own, stopped after the module."""
    folder = tmp_path_factory.mktemp("make-run")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in OWN_SETTINGS}
    env |= {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    log = (folder / "make-run.log").open("w")
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # gunicorn and its workers are stopped with make
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"make run ended:\n{(folder / 'make-run.log').read_text()}")
            try:
                urllib.request.urlopen(url + "/impressum/", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"make run did not answer:\n{(folder / 'make-run.log').read_text()}"
                    )
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def fetch(url, opener=None):
    """(status, body) of a GET, errors included."""
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_missing_page_is_the_german_404_page_not_djangos_debug_page(demo_url):
    status, page = fetch(demo_url + "/gibt-es-nicht/")

    assert status == 404
    assert "<h1>Seite nicht gefunden</h1>" in page
    assert "URLconf" not in page


def test_the_stylesheet_is_served_from_its_hashed_copy(demo_url):
    _status, page = fetch(demo_url + "/")
    stylesheet = re.search(r'href="(/static/css/ratsfaden\.\w+\.css)"', page).group(1)

    status, css = fetch(demo_url + stylesheet)

    assert status == 200
    assert ".site-header" in css


def test_a_demo_login_works_over_plain_http(demo_url):
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    _status, form = fetch(demo_url + "/anmelden/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "username": "sitzungsdienst",
        "password": "ratsfaden-demo",
    }
    request = urllib.request.Request(
        demo_url + "/anmelden/",
        data=urllib.parse.urlencode(data).encode(),
        headers={"Origin": demo_url, "Referer": demo_url + "/anmelden/"},
    )

    with opener.open(request, timeout=30) as response:
        page = response.read().decode()

    assert "Angemeldet als Laura Stein" in page
