"""A letter's text made into the files letters arrive as: DOCX (python-docx), ODT (odfpy) and
PDF (WeasyPrint), one paragraph per block of the text, blank lines between them."""

import html
import io


def blocks(text):
    """The text's paragraphs; lines inside one (an address, a signature) stay together."""
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def docx_bytes(text):
    import docx

    document = docx.Document()
    for block in blocks(text):
        paragraph = document.add_paragraph()
        for index, line in enumerate(block.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(text):
    from odf.opendocument import OpenDocumentText
    from odf.text import LineBreak, P

    document = OpenDocumentText()
    for block in blocks(text):
        paragraph = P()
        for index, line in enumerate(block.split("\n")):
            if index:
                paragraph.addElement(LineBreak())
            paragraph.addText(line)
        document.text.addElement(paragraph)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


PDF_STYLE = """
@page { size: A4; margin: 1.5cm; }
body { font-family: sans-serif; font-size: 8pt; }
p { margin: 0 0 1.2em 0; }
"""


def pdf_bytes(text, style=PDF_STYLE):
    from weasyprint import HTML

    paragraphs = "".join(
        "<p>{}</p>".format("<br>".join(html.escape(line) for line in block.split("\n")))
        for block in blocks(text)
    )
    page = f"<html lang='de'><head><style>{style}</style></head><body>{paragraphs}</body></html>"
    return HTML(string=page).write_pdf()


def build_letter_council(body):
    """The council the test letters (tests/letters/) are written to: its committees, factions,
    the persons who sign or are addressed, and the meetings the letters name."""
    import datetime

    from council.models import OrganizationKind, Role
    from tests import factories as f

    def organization(kind, name, short_name):
        return f.OrganizationFactory(body=body, kind=kind, name=name, short_name=short_name)

    committees = {
        short: organization(kind, name, short)
        for kind, name, short in [
            (OrganizationKind.COUNCIL, "Rat der Stadt Castrop-Rauxel", "Rat"),
            (OrganizationKind.COMMITTEE, "Betriebsausschuss 1", "B1"),
            (OrganizationKind.COMMITTEE, "Betriebsausschuss 2", "B2"),
            (OrganizationKind.COMMITTEE, "Haupt- und Finanzausschuss", "HFA"),
            (OrganizationKind.COMMITTEE, "Ausschuss für Stadtentwicklung und Umwelt", "ASU"),
            (OrganizationKind.COMMITTEE, "Jugendhilfeausschuss", "JHA"),
        ]
    }
    factions = {
        short: organization(OrganizationKind.FACTION, name, short)
        for name, short in [
            ("SPD-Fraktion", "SPD"),
            ("Fraktion Bündnis 90/Die Grünen", "GRÜNE"),
            ("CDU-Fraktion", "CDU"),
            ("Fraktion Die Linke", "LINKE"),
            ("Fraktion FW|FÜR", "FW|FÜR"),
            ("Gruppe KAL/Die PARTEI", "KAL/PARTEI"),
        ]
    }
    people = {}
    for given, family, organization_short, role in [
        ("Katrin", "Lasser", "B2", Role.CHAIR),
        ("Daniel", "Molloisch", "SPD", Role.FACTION_CHAIR),
        ("Bert", "Wagener", "GRÜNE", Role.FACTION_CHAIR),
        ("Lea", "Roth", "LINKE", Role.FACTION_CHAIR),
        ("Anna", "Berger", "FW|FÜR", Role.FACTION_CHAIR),
        ("Jonas", "Keller", "KAL/PARTEI", Role.MEMBER),
        ("Petra", "Voß", "CDU", Role.FACTION_CHAIR),
        ("Peter", "Schmidt", "CDU", Role.MEMBER),
        ("Peter", "Schmidt", "CDU", Role.MEMBER),
    ]:
        person = f.PersonFactory(body=body, given_name=given, family_name=family)
        organization_ = committees.get(organization_short) or factions[organization_short]
        f.MembershipFactory(person=person, organization=organization_, role=role)
        people.setdefault(f"{given} {family}", person)
    for short, day in [
        ("B2", "2021-04-15"),
        ("B2", "2099-04-15"),
        ("HFA", "2099-03-10"),
        ("Rat", "2099-05-20"),
        ("Rat", "2099-06-01"),
        ("ASU", "2099-11-20"),
    ]:
        start = datetime.datetime.combine(
            datetime.date.fromisoformat(day), datetime.time(17), tzinfo=f.BERLIN
        )
        f.MeetingFactory(
            body=body,
            name=f"Sitzung {committees[short].name}",
            organizations=[committees[short]],
            start=start,
        )
    return committees, factions, people
