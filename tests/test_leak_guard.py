"""The permanent guard: nothing non-public reaches the public.

Non-public content of every kind is written with one unique marker: a non-public agenda item
with its non-public paper, its votes, its result and the report presented there; a draft motion;
a draft report; an unpublished agenda; the internal contact data of a person; a staff member
without a mandate. Then a citizen fetches every public URL the site can produce — it follows
every link of every page, feed, calendar, sitemap and OParl object, fetches every PDF and reads
its text, and tries the lists with their filters and the search — and the marker appears
nowhere. New pages are guarded as soon as anything public links to them.
"""

import contextlib
import datetime
import io
import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pypdf
import pytest
from django.urls import reverse

from council import agenda
from council.models import Role
from motions import services as paper_steps
from portal import services as portal_steps
from reports import services as report_steps
from search import index as search_index
from subscriptions.models import Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db

MARKER = "Geheimsache7Q3"
MAX_PAGES = 1500
# Month calendars and pagers link on without end: a path is tried with this many queries.
QUERIES_PER_PATH = 25
SKIPPED_PREFIXES = ("/verwaltung/", "/static/", "/abmelden/", "/anmelden/", "/i18n/", "/media/")
HREF = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def secrets(
    settings,
    tmp_path,
    body,
    council,
    b2,
    spd,
    gruene,
    spd_staff,
    b2_chair,
    b2_member,
    office,
    integration_unit,
    integration_unit_staff,
    integration_unit_head,
):
    """The public demo-like council, and next to it every kind of secret."""
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "http://testserver"
    held = f.MeetingFactory(
        body=body,
        organizations=[b2],
        name="Sitzung des Betriebsausschusses 2",
        start=datetime.datetime(2026, 3, 2, 17, tzinfo=f.BERLIN),
    )
    # Public: a motion decided in public, with a published report, and a public free item.
    public = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Öffentlich?"])
    public.report_kind = "written"
    public.save()
    paper_steps.submit(paper=public, by=spd_staff)
    paper_steps.schedule(paper=public, meeting=held, by=b2_chair)
    agenda.add_item(held, title="Bericht zur Schulwegsicherung")
    # Secret: a non-public paper on a non-public item, decided with votes, and a report on it.
    secret = f.draft(
        committee=b2,
        by=spd_staff,
        factions=[spd],
        is_public=False,
        title=f"Grundstück {MARKER}",
        proposed_resolution=f"Kaufpreis {MARKER}",
        questions=[f"Wert {MARKER}?"],
    )
    secret.report_kind = "written"
    secret.save()
    paper_steps.submit(paper=secret, by=spd_staff)
    paper_steps.schedule(paper=secret, meeting=held, by=b2_chair, public=False)
    hidden_item = agenda.add_item(held, title=f"Vertrag {MARKER}", public=False)
    f.publish_agenda(held)
    agenda.record_votes(hidden_item, by=b2_chair, yes=2, no=0, abstain=0)
    agenda.record_result(
        hidden_item, by=b2_chair, result="adopted", resolution_text=f"Beschluss {MARKER}"
    )
    paper_steps.decide(
        paper=secret, by=b2_chair, outcome="adopted", resolution_text=f"Beschlossen {MARKER}"
    )
    paper_steps.decide(paper=public, by=b2_chair, outcome="adopted")
    public_request = report_steps.request_report(
        paper=public, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
    )
    _publish_report(public_request, integration_unit_staff, integration_unit_head, "Antwort.")
    secret_request = report_steps.request_report(
        paper=secret, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
    )
    _publish_report(
        secret_request, integration_unit_staff, integration_unit_head, f"Antwort {MARKER}"
    )
    agenda.release_minutes(held, by=b2_chair)
    # Secret: a draft motion, a draft report, an unpublished agenda.
    f.draft(committee=b2, by=spd_staff, factions=[spd], title=f"Entwurf {MARKER}")
    third = f.draft(committee=b2, by=spd_staff, factions=[spd], questions=["Wann?"])
    third.report_kind = "written"
    third.save()
    paper_steps.submit(paper=third, by=spd_staff)
    draft_request = report_steps.request_report(
        paper=third, by=b2_chair, unit=integration_unit, due_date=datetime.date(2099, 1, 1)
    )
    report_steps.save_report(
        request=draft_request,
        by=integration_unit_staff,
        title=f"Berichtsentwurf {MARKER}",
        introduction=f"Einleitung {MARKER}",
    )
    upcoming = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2099, 5, 1, 17, tzinfo=f.BERLIN)
    )
    agenda.add_item(upcoming, title=f"Vorlage {MARKER}")
    # Secret: contact data, and staff without a mandate.
    councillor = f.PersonFactory(body=body, email=f"{MARKER.lower()}@example.org")
    f.MembershipFactory(person=councillor, organization=council, role=Role.MEMBER)
    staff = f.PersonFactory(body=body, family_name=f"Mitarbeiter{MARKER}")
    f.MembershipFactory(person=staff, organization=spd, role=Role.FACTION_STAFF)
    # Secret: feedback on accessibility, its sender and the office's answer.
    feedback = portal_steps.submit_feedback(
        body=body,
        name=f"Absender {MARKER}",
        email=f"feedback-{MARKER.lower()}@example.org",
        message=f"Barriere {MARKER}",
        page=f"/{MARKER}/",
    )
    portal_steps.answer_feedback(feedback=feedback, answer=f"Antwort {MARKER}", by=office)
    # The test's transaction never commits, so the search index is built as the demo builds it.
    search_index.rebuild()
    # Secret: the address of a subscriber who follows the public paper.
    Subscription.objects.create(
        email=f"{MARKER.lower()}-leser@example.org",
        kind="paper",
        target=f"id={public.pk}",
        confirmed_at=held.start,
        checked_until=held.start,
    )
    return {"public": public, "secret": secret, "held": held, "upcoming": upcoming}


def _publish_report(request, writer, head, answer):
    questions = list(request.questions.all())
    report = report_steps.save_report(
        request=request,
        by=writer,
        title="Bericht",
        answers={q.pk: answer for q in questions},
    )
    report_steps.release(report=report, by=head)
    report_steps.publish(report=report, by=head)


def _seeds(secrets):
    """Where a citizen starts, and the URLs no page links to but anyone may type: the lists
    with their filters, the search, the machine-readable entry points, an error page."""
    b2 = secrets["held"].organizations.get()
    seeds = [
        "/",
        "/robots.txt",
        "/sitemap.xml",
        "/oparl/v1/",
        "/gibt-es-nicht/",
        f"/antraege/?gremium={b2.pk}",
        "/antraege/?stand=decided",
        "/antraege/?bericht=ueberfaellig&sortierung=nummer",
        "/antraege/?bericht=fristgerecht",
        f"/antraege/?fraktion={secrets['public'].sponsorships.get().faction_id}&jahr=2026",
        "/sitzungen/?zeit=vergangen",
        f"/sitzungen/?zeit=kommend&gremium={b2.pk}",
        f"/personen/?gremium={b2.pk}",
        f"/berichte/?gremium={b2.pk}",
        "/leichte-sprache/",
        "/barrierefreiheit/rueckmeldung/",
        "/barrierefreiheit/rueckmeldungen/",
        "/berichte/",
        "/berichte/rechenschaft/",
        "/berichte/auftraege/",
        # Words of the secrets (the marker itself would be echoed by the search box).
        "/suche/?q=Grundstück",
        "/suche/?q=Kaufpreis",
        "/suche/?q=Vertrag",
        "/suche/?q=Berichtsentwurf&sortierung=datum",
        "/suche/?q=Einleitung",
        "/suche/?q=Vorlage",
        "/suche/?q=Antwort",
        "/suche/?q=Beschluss",
        "/suche/?q=Mitarbeiter",
        "/suche/feed/?q=Grundstück",
        "/suche/feed/?q=Antwort",
        "/sitzungen/kalender.ics",
        f"/gremien/{b2.pk}/kalender.ics",
        secrets["secret"].get_absolute_url(),
        f"/sitzungen/{secrets['upcoming'].pk}/",
        # Feeds with filters, and the subscription pages (a forged token included).
        f"/feeds/antraege/?gremium={b2.pk}&stand=decided",
        f"/feeds/antraege/{secrets['secret'].pk}/",
        f"/feeds/sitzungen/?gremium={b2.pk}",
        f"/folgen/?art=paper&id={secrets['public'].pk}",
        f"/folgen/?art=paper&id={secrets['secret'].pk}",
        f"/folgen/?art=committee&id={b2.pk}",
        "/folgen/abbestellen/unsinn/",
    ]
    return seeds


def _body(response):
    """The bytes of a response; files are streamed."""
    if response.streaming:
        response._leak_guard_body = getattr(response, "_leak_guard_body", None) or b"".join(
            response.streaming_content
        )
        return response._leak_guard_body
    return response.content


def _links(path, response):
    content_type = response.get("Content-Type", "")
    body = _body(response)
    if "pdf" in content_type:
        return []
    text = body.decode("utf-8", "replace")
    found = [urljoin(path, href) for href in HREF.findall(text)]
    if "json" in content_type or "calendar" in content_type or "xml" in content_type:
        found += URL_IN_TEXT.findall(text)
    links = []
    for url in found:
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        link = parts.path + (f"?{parts.query}" if parts.query else "")
        if link.startswith("/") and not link.startswith(SKIPPED_PREFIXES):
            links.append(link)
    return links


def _text(response):
    if "pdf" in response.get("Content-Type", ""):
        reader = pypdf.PdfReader(io.BytesIO(_body(response)))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    content = _body(response).decode("utf-8", "replace")
    if "json" in response.get("Content-Type", ""):
        # JSON escapes non-ASCII text; compare the decoded strings too.
        with contextlib.suppress(ValueError):
            content += json.dumps(json.loads(content), ensure_ascii=False)
    return content


def crawl(client, seeds):
    """Every URL reachable from the seeds: {path: status}, and the paths that show the marker."""
    queue, seen, statuses, leaks = deque(seeds), set(seeds), {}, []
    variants = {}
    while queue and len(statuses) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        statuses[path] = response.status_code
        if response.status_code in (301, 302):
            target = response.get("Location", "")
            if (
                target.startswith("/")
                and target not in seen
                and not target.startswith(SKIPPED_PREFIXES + ("/anmelden/",))
            ):
                seen.add(target)
                queue.append(target)
            continue
        if MARKER.lower() in _text(response).lower():
            leaks.append(path)
        for link in _links(path, response):
            bare = link.split("?")[0]
            if link not in seen and variants.get(bare, 0) < QUERIES_PER_PATH:
                seen.add(link)
                variants[bare] = variants.get(bare, 0) + ("?" in link)
                queue.append(link)
    return statuses, leaks


def test_no_public_url_shows_anything_non_public(client, secrets):
    statuses, leaks = crawl(client, _seeds(secrets))

    assert leaks == []
    assert [path for path, status in statuses.items() if status >= 500] == []
    # The guard means something only if it reached the public pages around the secrets.
    assert secrets["public"].get_absolute_url() in statuses
    assert reverse("council:minutes", args=[secrets["held"].pk]) in statuses
    assert any(path.endswith(".pdf") for path in statuses)
    assert f"/feeds/antraege/{secrets['public'].pk}/" in statuses


def test_the_guard_would_see_a_leak(client, secrets):
    secret = secrets["secret"]
    type(secret).objects.filter(pk=secret.pk).update(is_public=True)  # a mistake in the rules

    _statuses, leaks = crawl(client, [secret.get_absolute_url()])

    assert secret.get_absolute_url() in leaks
