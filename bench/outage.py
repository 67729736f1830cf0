"""The database goes away under a running instance and comes back: /healthz and a page are
asked before, during and after. PostgreSQL itself keeps running (other databases on it are
left alone): the instance reaches it through a relay that this step cuts and restores."""

import contextlib
import socket
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from harness import gunicorn

PAGE = "/sitzungen/"


class Relay:
    """A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused at
    once) and restored, as if the server went away and came back."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up, self.open = True, []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            client, _address = self.listener.accept()
            if not self.up:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                end.close()

    def cut(self):
        self.up = False
        for end in self.open:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.open = []

    def restore(self):
        self.up = True


def ask(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def outage(args, env):
    url = urlsplit(env["DATABASE_URL"])
    relay = Relay(url.hostname or "127.0.0.1", url.port or 5432)
    auth = url.netloc.rpartition("@")[0]
    address = f"127.0.0.1:{relay.port}"
    relayed = url._replace(netloc=f"{auth}@{address}" if auth else address)
    failures = []

    def expect(moment, path, status, text=None):
        got, body = ask(base, path)
        ok = got == status and (text is None or text in body)
        print(f"{moment:<28}{path:<14}{got:>5}  {'wie erwartet' if ok else f'erwartet {status}'}")
        if not ok:
            failures.append((moment, path, got))

    with gunicorn({**env, "DATABASE_URL": relayed.geturl()}, workers=2) as base:
        print(f"{'Zeitpunkt':<28}{'Adresse':<14}{'Status':>5}")
        expect("Datenbank da", "/healthz", 200)
        expect("Datenbank da", PAGE, 200)
        relay.cut()
        expect("Datenbank weg", "/healthz", 503)
        expect("Datenbank weg", PAGE, 503, "Vorübergehend nicht erreichbar")
        relay.restore()
        started = time.monotonic()
        while ask(base, "/healthz")[0] != 200 and time.monotonic() - started < 30:
            time.sleep(0.2)
        print(f"wieder erreichbar nach {time.monotonic() - started:.1f} s")
        expect("Datenbank wieder da", "/healthz", 200)
        expect("Datenbank wieder da", PAGE, 200)
    return 1 if failures else 0
