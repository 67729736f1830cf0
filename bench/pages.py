"""The pages the benchmark loads: one line each.

Each line is (name, who, path). `who` is None for a citizen, else a demo login (README,
"Demo-Zugänge"). A path may name {placeholders}, filled from the data by `places` below.
A page that answers 404 (not built yet, or not in this installation) is skipped.
"""

PAGES = [
    ("Startseite", None, "/"),
    ("Antragsregister", None, "/antraege/"),
    ("Register: Fraktion", None, "/antraege/?fraktion={faction}"),
    ("Register: Gremium", None, "/antraege/?gremium={committee}"),
    ("Register: Seite 100", None, "/antraege/?seite=100"),
    ("Drucksache", None, "{paper}"),
    ("Brief als PDF", None, "{paper}brief.pdf"),
    ("Sitzung (längste TO)", None, "{meeting}"),
    ("Gremium", None, "{committee_page}"),
    ("Sitzungskalender", None, "/sitzungen/"),
    ("Berichte", None, "/berichte/"),
    ("Suche: seltenes Wort", None, "/suche/?q={rare_word}"),
    ("Suche: häufiges Wort", None, "/suche/?q={common_word}"),
    ("Atom-Feed Anträge", None, "/feeds/antraege/"),
    ("iCal Sitzungen", None, "/sitzungen/kalender.ics"),
    ("OParl Drucksachen", None, "/oparl/v1/body/{body}/paper/"),
    ("Fraktion: Unsere Anträge", "spd", "/antraege/unsere/"),
    ("Sitzungsdienst: Alle Anträge", "sitzungsdienst", "/antraege/unsere/"),
    ("Ausschuss: Eingang", "b2-vorsitz", "/eingang/"),
    ("Verwaltung: Eingang", "verwaltung", "/berichte/eingang/"),
    ("Sitzungstag", "sitzungsdienst", "{meeting}sitzungstag/"),
]

# Words of the demo's texts: one in a single paper (the sample letter), one in most.
RARE_WORD = "Integrationsmanagement"
COMMON_WORD = "Verwaltung"


def places():
    """Values for the placeholders, chosen from the data: the newest public paper, the public
    meeting with the longest agenda, the B2 committee, the SPD faction."""
    from django.db.models import Count

    from council.models import Body, Meeting, Organization
    from motions.models import Paper

    paper = Paper.objects.public().order_by("-pk").first()
    meeting = (
        Meeting.objects.filter(agenda_items__published_at__isnull=False)
        .annotate(items=Count("agenda_items"))
        .order_by("-items", "-pk")
        .first()
    )
    committee = Organization.objects.filter(short_name="B2").first()
    faction = Organization.objects.filter(kind="faction", short_name="SPD").first()
    return {
        "paper": paper.get_absolute_url() if paper else "/antraege/0/",
        "meeting": meeting.get_absolute_url() if meeting else "/sitzungen/0/",
        "committee": committee.pk if committee else 0,
        "committee_page": committee.get_absolute_url() if committee else "/gremien/0/",
        "faction": faction.pk if faction else 0,
        "body": Body.objects.order_by("pk").values_list("pk", flat=True).first() or 0,
        "rare_word": RARE_WORD,
        "common_word": COMMON_WORD,
    }
