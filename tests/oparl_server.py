"""A small OParl server on localhost for the import tests: paths mapped to JSON, bytes or an
HTTP status; every request is recorded."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class OparlServer:
    def __init__(self):
        self.routes = {}
        self.requests = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def url(self, path):
        return f"{self.base}{path}"

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True  # else 40 ms per answer (delayed ACK)

            def do_GET(self):
                server.requests.append(self.path)
                answer = server.routes.get(urlsplit(self.path).path, 404)
                if isinstance(answer, int):
                    self.send_response(answer)
                    self.end_headers()
                    return
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


def t(kind):
    return f"https://schema.oparl.org/1.1/{kind}"


STAMP = {"created": "2024-01-10T09:00:00+01:00", "modified": "2024-01-10T09:00:00+01:00"}


def quirky_system(server):
    """A system with the untidiness of real servers (see the import's README section)."""
    u = server.url
    routes = {
        "/oparl": {"id": u("/oparl"), "type": t("System"), "body": u("/bodies"), **STAMP},
        "/bodies": {
            "data": [
                {
                    "id": u("/body/1"),
                    "type": t("Body"),
                    "name": "Stadt Beispielhausen",
                    "shortName": "Beispielhausen",
                    "ags": "05913000",
                    "organization": u("/orgs"),
                    "person": u("/persons"),
                    "meeting": u("/meetings"),
                    "paper": u("/papers"),
                    "membership": u("/memberships"),
                    "legislativeTerm": [
                        {
                            "id": u("/term/1"),
                            "type": t("LegislativeTerm"),
                            "name": "2020–2025",
                            "startDate": "2020-11-01",
                            **STAMP,
                        }
                    ],
                    **STAMP,
                }
            ],
            "links": {},
        },
        # The next link of the second page leads back to the first.
        "/orgs": {
            "data": [
                {
                    "id": u("/org/rat"),
                    "type": t("Organization"),
                    "name": "Rat",
                    "organizationType": "Gremium",
                    "classification": "Parlament",
                    **STAMP,
                },
                {
                    "id": u("/org/hfa"),
                    "type": t("Organization"),
                    "name": "Haupt- und Finanzausschuss",
                    "shortName": "HFA",
                    "organizationType": "Gremium",
                    **STAMP,
                },
            ],
            "links": {"next": u("/orgs2")},
        },
        "/orgs2": {
            "data": [
                {
                    "id": u("/org/spd"),
                    "type": t("Organization"),
                    "name": "SPD-Fraktion",
                    "shortName": "SPD",
                    "organizationType": "Fraktion",
                    **STAMP,
                },
            ],
            "links": {"next": u("/orgs")},
        },
        "/persons": {
            "data": [
                {
                    "id": u("/person/1"),
                    "type": t("Person"),
                    "name": "Dr. Anna Beispiel",
                    "familyName": "Beispiel",
                    "givenName": "Anna",
                    "title": ["Dr."],
                    "formOfAddress": "Frau",
                    "membership": [
                        {
                            "id": u("/membership/1"),
                            "type": t("Membership"),
                            "organization": u("/org/hfa"),
                            "role": "Vorsitzende",
                            "startDate": "2020-11-01",
                            **STAMP,
                        }
                    ],
                    **STAMP,
                },
                {"id": u("/person/2"), "type": t("Person"), "name": "Bernd Muster", **STAMP},
            ],
            "links": {"next": u("/persons2")},
        },
        "/persons2": 500,  # a page that keeps failing
        "/memberships": {
            "data": [
                {
                    "id": u("/membership/2"),
                    "type": t("Membership"),
                    "person": u("/person/2"),
                    "organization": u("/org/gone"),
                    "startDate": "2020-11-01",
                    **STAMP,
                },
            ]
        },
        "/org/gone": 404,
        "/meetings": {
            "data": [
                {
                    "id": u("/meeting/1"),
                    "type": t("Meeting"),
                    "name": "3. Sitzung des HFA",
                    "start": "2024-03-05T17:00:00+01:00",
                    "end": "2024-03-05T15:00:00+01:00",
                    "organization": [u("/org/hfa")],
                    "location": {
                        "id": u("/location/1"),
                        "type": t("Location"),
                        "description": "Rathaus, Sitzungssaal",
                        "geojson": {"type": "Point", "coordinates": ["7.1", "51.5"]},
                        **STAMP,
                    },
                    "agendaItem": [
                        {
                            "id": u("/item/1"),
                            "type": t("AgendaItem"),
                            "number": "1",
                            "name": "Eröffnung",
                            "public": True,
                            **STAMP,
                        },
                        {
                            "id": u("/item/2"),
                            "type": t("AgendaItem"),
                            "number": "",
                            "name": "Radwege",
                            "public": True,
                            "consultation": u("/consultation/1"),
                            "result": "einstimmig beschlossen",
                            **STAMP,
                        },
                        {
                            "id": u("/item/3"),
                            "type": t("AgendaItem"),
                            "number": "",
                            "name": "Grundstück",
                            "public": False,
                            "result": "nach Aussprache erledigt",
                            **STAMP,
                        },
                        # Linked to its consultation only from this side.
                        {
                            "id": u("/item/4"),
                            "type": t("AgendaItem"),
                            "number": "4",
                            "name": "Spielplatz",
                            "consultation": u("/consultation/3"),
                            **STAMP,
                        },
                    ],
                    **STAMP,
                }
            ]
        },
        "/papers": {
            "data": [
                {
                    "id": u("/paper/1"),
                    "type": t("Paper"),
                    "name": "Sichere Radwege",
                    "reference": "2024/001",
                    "date": "2024-02-01",
                    "paperType": "Antrag",
                    "originatorPerson": [u("/person/1")],
                    "originatorOrganization": [u("/org/spd")],
                    "consultation": [
                        {
                            "id": u("/consultation/1"),
                            "type": t("Consultation"),
                            "meeting": u("/meeting/1"),
                            "agendaItem": u("/item/2"),
                            "organization": [u("/org/hfa")],
                            "role": "Entscheidung",
                            "authoritative": True,
                            **STAMP,
                        }
                    ],
                    "mainFile": {
                        "id": u("/file/1"),
                        "type": t("File"),
                        "name": "Antragstext",
                        "fileName": "antrag.pdf",
                        "mimeType": "application/pdf",
                        "accessUrl": u("/files/antrag.pdf"),
                        **STAMP,
                    },
                    "auxiliaryFile": [
                        {
                            "id": u("/file/2"),
                            "type": t("File"),
                            "name": "Plan",
                            "accessUrl": u("/files/missing.pdf"),
                            **STAMP,
                        }
                    ],
                    **STAMP,
                },
                # The same reference for another type, the same consultation embedded again.
                {
                    "id": u("/paper/2"),
                    "type": t("Paper"),
                    "name": "Radwegekonzept",
                    "reference": "2024/001",
                    "date": "2024-02-03",
                    "paperType": "Beschlussvorlage",
                    "consultation": [
                        {
                            "id": u("/consultation/1"),
                            "type": t("Consultation"),
                            "meeting": u("/meeting/1"),
                            "agendaItem": u("/item/2"),
                            "organization": [u("/org/hfa")],
                            "role": "Entscheidung",
                            **STAMP,
                        }
                    ],
                    **STAMP,
                },
                # Without the required name, addressed to an organisation that answers 404.
                {
                    "id": u("/paper/3"),
                    "type": t("Paper"),
                    "reference": "2024/003",
                    "paperType": "Mitteilungsvorlage",
                    "underDirectionOf": [u("/org/gone")],
                    **STAMP,
                },
                {"id": u("/paper/4"), "type": t("Paper"), "deleted": True},
                {
                    "id": u("/paper/5"),
                    "type": t("Paper"),
                    "name": "Spielplatzbericht",
                    "reference": "2024/005",
                    "paperType": "Mitteilungsvorlage",
                    "consultation": [
                        {
                            "id": u("/consultation/3"),
                            "type": t("Consultation"),
                            "organization": [u("/org/hfa")],
                            "role": "Kenntnisnahme",
                            **STAMP,
                        }
                    ],
                    **STAMP,
                },
            ],
            "links": {"next": u("/papers")},
        },
        "/files/antrag.pdf": b"%PDF-1.4 Antrag",
    }
    server.routes.update(routes)
    return u("/oparl")
