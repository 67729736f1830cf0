"""Following is advertised: a "Folgen" box and <link rel="alternate"> feeds on the paper,
committee, faction and list pages; and the new pages read the same for every role."""

import re

import pytest

from motions import services as paper_steps
from tests import factories as f

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">'
)
PERSONAS = ["citizen", "spd_staff", "b2_chair", "office", "integration_unit_staff"]


@pytest.fixture
def paper(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Integrationsmanagement")
    return paper_steps.submit(paper=paper, by=spd_staff)


@pytest.fixture
def as_persona(client, request):
    def as_persona(name):
        user = request.getfixturevalue(name)
        if user is not None:
            client.force_login(user)
        return client

    return as_persona


def box(response):
    content = response.content.decode()
    if 'id="follow-heading"' not in content:
        return None
    return content.split('id="follow-heading"', 1)[1].split("</section>", 1)[0]


def test_a_public_paper_offers_its_feed_mail_and_calendar(client, paper, b2):
    response = client.get(paper.get_absolute_url())

    follow = box(response)
    assert f"/feeds/antraege/{paper.pk}/" in follow
    assert f"/folgen/?art=paper&amp;id={paper.pk}" in follow
    assert f"/gremien/{b2.pk}/kalender.ics" in follow
    assert ALTERNATE.findall(response.content.decode()) == [f"/feeds/antraege/{paper.pk}/"]


def test_a_draft_offers_nothing_to_follow(client, b2, spd, spd_staff):
    draft = f.draft(committee=b2, by=spd_staff, factions=[spd])
    client.force_login(spd_staff)

    response = client.get(draft.get_absolute_url())

    assert box(response) is None
    assert ALTERNATE.findall(response.content.decode()) == []


def test_a_committee_page_offers_papers_meetings_calendar_and_mail(client, b2):
    follow = box(client.get(b2.get_absolute_url()))

    assert f"/feeds/antraege/?gremium={b2.pk}" in follow
    assert f"/feeds/sitzungen/?gremium={b2.pk}" in follow
    assert f"/gremien/{b2.pk}/kalender.ics" in follow
    assert f"/folgen/?art=committee&amp;id={b2.pk}" in follow


def test_a_faction_page_offers_its_papers_and_mail(client, spd):
    follow = box(client.get(spd.get_absolute_url()))

    assert f"/feeds/antraege/?fraktion={spd.pk}" in follow
    assert f"/folgen/?art=faction&amp;id={spd.pk}" in follow
    assert "kalender.ics" not in follow


def test_an_administration_unit_page_offers_nothing(client, integration_unit):
    assert box(client.get(integration_unit.get_absolute_url())) is None


def test_the_register_offers_the_feed_of_its_filter_state(client, paper, b2):
    response = client.get(f"/antraege/?gremium={b2.pk}&seite=1")

    follow = box(response)
    assert ALTERNATE.findall(response.content.decode()) == [
        f"/feeds/antraege/?gremium={b2.pk}",
        f"/feeds/sitzungen/?gremium={b2.pk}",
    ]
    assert f"/folgen/?art=committee&amp;id={b2.pk}" in follow


def test_the_register_with_a_type_filter_offers_that_feed_but_no_mail(client, paper):
    response = client.get("/antraege/?art=inquiry")

    assert ALTERNATE.findall(response.content.decode()) == ["/feeds/antraege/?art=inquiry"]
    assert "/folgen/" not in box(response)


def test_the_start_page_offers_every_feed_and_the_calendar(client, body):
    response = client.get("/")

    assert ALTERNATE.findall(response.content.decode()) == [
        "/feeds/antraege/",
        "/feeds/berichte/",
        "/feeds/sitzungen/",
    ]
    assert "/sitzungen/kalender.ics" in box(response)


def test_the_report_list_and_the_meeting_calendar_offer_their_feeds(client, body):
    assert "/feeds/berichte/" in box(client.get("/berichte/"))
    assert "/feeds/sitzungen/" in box(client.get("/sitzungen/"))


def test_a_staff_page_has_no_feed(client, office):
    client.force_login(office)

    assert ALTERNATE.findall(client.get("/eingang/").content.decode()) == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_subscription_form_reads_the_same_for_every_role(as_persona, persona, paper):
    response = as_persona(persona).get(f"/folgen/?art=paper&id={paper.pk}")

    assert response.status_code == 200
    assert "Integrationsmanagement" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_role_can_subscribe_to_a_draft(as_persona, persona, b2, spd, spd_staff):
    draft = f.draft(committee=b2, by=spd_staff, factions=[spd])

    assert as_persona(persona).get(f"/folgen/?art=paper&id={draft.pk}").status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_feeds_show_only_public_papers_to_every_role(
    as_persona, persona, paper, b2, spd, spd_staff
):
    f.draft(committee=b2, by=spd_staff, factions=[spd], title="Entwurf im Feed")
    hidden = f.draft(
        committee=b2, by=spd_staff, factions=[spd], title="Grundstück", is_public=False
    )
    paper_steps.submit(paper=hidden, by=spd_staff)
    client = as_persona(persona)

    content = client.get("/feeds/antraege/").content.decode()

    assert "Integrationsmanagement" in content
    assert "Entwurf im Feed" not in content
    assert "Grundstück" not in content
    assert client.get(f"/feeds/antraege/{hidden.pk}/").status_code == 404


def test_the_subscription_form_runs_few_queries(client, paper, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(f"/folgen/?art=paper&id={paper.pk}")


def test_the_paper_page_with_its_follow_box_runs_a_bounded_number_of_queries(
    client, paper, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        assert client.get(paper.get_absolute_url()).status_code == 200
