"""The columns of the CSV downloads: per file, the interface sources it reads and each column's
name, description (for README.txt) and value, taken from the OParl object."""

from oparl.base import EXT


def _join(values):
    return " | ".join(values or [])


def _id(obj, field):
    return obj.get(field) or ""


# Per file: the sources it draws on, and its columns: (name, description, value of an object).
TABLES = {
    "organisationen": (
        ["organization"],
        [
            ("id", "OParl-Adresse der Organisation", lambda o: o["id"]),
            ("name", "Name", lambda o: o.get("name")),
            ("kurzname", "Kurzbezeichnung", lambda o: o.get("shortName")),
            (
                "art",
                "Art: council, committee, faction, administration, other",
                lambda o: o.get(EXT + "kind"),
            ),
            ("organisationstyp", "OParl organizationType", lambda o: o.get("organizationType")),
            ("klassifikation", "Klassifikation", lambda o: o.get("classification")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "personen": (
        ["person"],
        [
            ("id", "OParl-Adresse der Person", lambda o: o["id"]),
            ("name", "Name mit Titel", lambda o: o.get("name")),
            ("vorname", "Vorname", lambda o: o.get("givenName")),
            ("nachname", "Nachname", lambda o: o.get("familyName")),
            ("anrede", "Anrede", lambda o: o.get("formOfAddress")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "mitgliedschaften": (
        ["membership"],
        [
            ("id", "OParl-Adresse der Mitgliedschaft", lambda o: o["id"]),
            ("person", "OParl-Adresse der Person", lambda o: o.get("person")),
            ("organisation", "OParl-Adresse der Organisation", lambda o: o.get("organization")),
            ("rolle", "Funktion", lambda o: o.get("role")),
            ("stimmberechtigt", "ja/nein", lambda o: "ja" if o.get("votingRight") else "nein"),
            ("fuer_fraktion", "OParl-Adresse der Fraktion", lambda o: o.get("onBehalfOf")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
        ],
    ),
    "sitzungen": (
        ["meeting"],
        [
            ("id", "OParl-Adresse der Sitzung", lambda o: o["id"]),
            ("name", "Bezeichnung", lambda o: o.get("name")),
            ("beginn", "Beginn (ISO 8601 mit Zeitzone)", lambda o: o.get("start")),
            ("ende", "Ende (ISO 8601 mit Zeitzone)", lambda o: o.get("end")),
            (
                "status",
                "terminiert, eingeladen, durchgeführt oder abgesagt",
                lambda o: o.get("meetingState"),
            ),
            (
                "gremien",
                "OParl-Adressen der Gremien, getrennt durch |",
                lambda o: _join(o.get("organization")),
            ),
            ("ort", "Ort", lambda o: (o.get("location") or {}).get("description")),
            ("raum", "Raum", lambda o: (o.get("location") or {}).get("room")),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "tagesordnungspunkte": (
        ["agenda-item"],
        [
            ("id", "OParl-Adresse des Punktes", lambda o: o["id"]),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: o.get("meeting")),
            ("nummer", "TOP, z. B. „Ö 5“", lambda o: o.get("number")),
            ("reihenfolge", "Position in der Tagesordnung", lambda o: o.get("order")),
            (
                "oeffentlich",
                "ja/nein (nicht öffentliche Punkte nur mit Nummer)",
                lambda o: "ja" if o.get("public") else "nein",
            ),
            ("titel", "Titel", lambda o: o.get("name")),
            ("ergebnis", "Ergebnis", lambda o: o.get("result")),
            ("beschlusstext", "Beschlusstext", lambda o: o.get("resolutionText")),
            (
                "ja",
                "Ja-Stimmen (nach Freigabe der Niederschrift)",
                lambda o: (o.get(EXT + "votes") or {}).get("yes"),
            ),
            ("nein", "Nein-Stimmen", lambda o: (o.get(EXT + "votes") or {}).get("no")),
            ("enthaltungen", "Enthaltungen", lambda o: (o.get(EXT + "votes") or {}).get("abstain")),
            (
                "einstimmig",
                "ja, wenn einstimmig",
                lambda o: "ja" if (o.get(EXT + "votes") or {}).get("unanimous") else "",
            ),
            ("beratung", "OParl-Adresse der Beratung", lambda o: o.get("consultation")),
        ],
    ),
    "drucksachen": (
        ["paper", "report"],
        [
            ("id", "OParl-Adresse der Drucksache oder des Berichts", lambda o: o["id"]),
            ("nummer", "Drucksachennummer", lambda o: o.get("reference")),
            (
                "art",
                "Antrag, Anfrage, Änderungsantrag oder Bericht; bei übernommenen Drucksachen die Art im Herkunftssystem",
                lambda o: o.get("paperType"),
            ),
            ("betreff", "Betreff", lambda o: o.get("name")),
            ("datum", "Datum (JJJJ-MM-TT)", lambda o: o.get("date")),
            ("stand", "Stand (ratsfaden:state)", lambda o: o.get(EXT + "state")),
            ("ergebnis", "Ergebnis (ratsfaden:outcome)", lambda o: o.get(EXT + "outcome")),
            (
                "antragsteller",
                "OParl-Adressen der Fraktionen oder der Verwaltungseinheit, getrennt durch |",
                lambda o: _join(o.get("originatorOrganization")),
            ),
            (
                "gremium",
                "OParl-Adresse des adressierten Gremiums (ratsfaden:committee)",
                lambda o: o.get(EXT + "committee"),
            ),
            (
                "eingereicht",
                "Einreichung (ISO 8601)",
                lambda o: o.get(EXT + "submitted") or o.get(EXT + "published"),
            ),
            ("antragsfrist", "Antragsfrist (ISO 8601)", lambda o: o.get(EXT + "filingDeadline")),
            (
                "bericht_faellig",
                "Bericht fällig am (JJJJ-MM-TT)",
                lambda o: o.get(EXT + "reportDue"),
            ),
            (
                "bericht_eingegangen",
                "Bericht eingegangen (ISO 8601)",
                lambda o: o.get(EXT + "reportReceived"),
            ),
            (
                "bezug",
                "OParl-Adressen der Drucksachen, auf die sich ein Bericht bezieht",
                lambda o: _join(o.get("relatedPaper")),
            ),
            ("webseite", "Seite in Ratsfaden", lambda o: o.get("web")),
        ],
    ),
    "berichtsauftraege": (
        ["paper"],
        [
            ("drucksache", "OParl-Adresse der Drucksache", lambda r: r["paper"]),
            (
                "einheit",
                "OParl-Adresse der berichtenden Verwaltungseinheit",
                lambda r: r.get("unit"),
            ),
            ("form", "written, oral oder written_and_oral", lambda r: r.get("form")),
            ("faellig", "fällig am (JJJJ-MM-TT)", lambda r: r.get("dueDate")),
            (
                "sitzung",
                "OParl-Adresse der Sitzung, zu der berichtet werden soll",
                lambda r: r.get("dueMeeting"),
            ),
            ("angefordert", "angefordert (ISO 8601)", lambda r: r.get("requested")),
            ("beantwortet", "beantwortet (ISO 8601)", lambda r: r.get("answered")),
            (
                "stand",
                "open, overdue, answeredOnTime oder answeredLate (am Tag des Exports)",
                lambda r: r.get("status"),
            ),
            ("bericht", "OParl-Adresse des Berichts", lambda r: r.get("report")),
        ],
    ),
    "beratungen": (
        ["consultation"],
        [
            ("id", "OParl-Adresse der Beratung", lambda o: o["id"]),
            ("drucksache", "OParl-Adresse der Drucksache", lambda o: o.get("paper")),
            ("position", "Position in der Beratungsfolge", lambda o: o.get(EXT + "position")),
            ("gremium", "OParl-Adresse des Gremiums", lambda o: _join(o.get("organization"))),
            ("rolle", "Vorberatung, Entscheidung oder Kenntnisnahme", lambda o: o.get("role")),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: o.get("meeting")),
            (
                "tagesordnungspunkt",
                "OParl-Adresse des Tagesordnungspunktes",
                lambda o: o.get("agendaItem"),
            ),
        ],
    ),
    "dateien": (
        ["attachment", "report-attachment", "report-pdf", "invitation", "agenda", "minutes"],
        [
            ("id", "OParl-Adresse der Datei", lambda o: o["id"]),
            ("name", "Bezeichnung", lambda o: o.get("name")),
            ("dateiname", "Dateiname", lambda o: o.get("fileName")),
            ("mimetyp", "Dateityp", lambda o: o.get("mimeType")),
            ("groesse", "Größe in Bytes", lambda o: o.get("size")),
            ("sha1", "SHA-1-Prüfsumme", lambda o: o.get("sha1Checksum")),
            ("herunterladen", "Adresse zum Herunterladen", lambda o: o.get("downloadUrl")),
            ("drucksache", "OParl-Adresse der Drucksache", lambda o: _join(o.get("paper"))),
            ("sitzung", "OParl-Adresse der Sitzung", lambda o: _join(o.get("meeting"))),
        ],
    ),
    "orte": (
        ["location"],
        [
            ("id", "OParl-Adresse des Ortes", lambda o: o["id"]),
            ("bezeichnung", "Bezeichnung", lambda o: o.get("description")),
            ("raum", "Raum", lambda o: o.get("room")),
            ("strasse", "Straße und Hausnummer", lambda o: o.get("streetAddress")),
            ("plz", "Postleitzahl", lambda o: o.get("postalCode")),
            ("ort", "Ort", lambda o: o.get("locality")),
        ],
    ),
    "wahlperioden": (
        ["legislative-term"],
        [
            ("id", "OParl-Adresse der Wahlperiode", lambda o: o["id"]),
            ("name", "Name", lambda o: o.get("name")),
            ("beginn", "Beginn (JJJJ-MM-TT)", lambda o: o.get("startDate")),
            ("ende", "Ende (JJJJ-MM-TT)", lambda o: o.get("endDate")),
        ],
    ),
}
