"""Subscribing by e-mail without an account: the form refuses bad addresses and never tells
whether an address is known; double opt-in; one-click unsubscribe (RFC 8058)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from freezegun import freeze_time

from motions import services as paper_steps
from subscriptions import services
from subscriptions.models import Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db

ADDRESS = "leser@example.org"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def paper(b2, spd, spd_staff):
    paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title="Integrationsmanagement")
    return paper_steps.submit(paper=paper, by=spd_staff)


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """POSTs the form for the paper; the response and the mails it sent."""

    def subscribe(paper, email=ADDRESS, frequency="instant", **extra):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/folgen/?art=paper&id={paper.pk}",
                {"email": email, "frequency": frequency},
                **extra,
            )
        return response, mail.outbox[before:]

    return subscribe


def link_in(message, path):
    return re.search(rf"https?://[^/\s]+({path}[^\s]+/)", message.body).group(1)


def test_the_form_names_what_is_followed(client, paper):
    response = client.get(f"/folgen/?art=paper&id={paper.pk}")

    assert response.status_code == 200
    assert "Integrationsmanagement" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "art=unsinn&id=1", "art=paper", "art=paper&id=abc", "art=paper&id=999999"]
)
def test_the_form_for_nothing_followable_is_a_404(client, query):
    assert client.get(f"/folgen/?{query}").status_code == 404


def test_the_form_for_a_draft_is_a_404(client, b2, spd, spd_staff):
    draft = f.draft(committee=b2, by=spd_staff, factions=[spd])

    assert client.get(f"/folgen/?art=paper&id={draft.pk}").status_code == 404


def test_the_form_for_a_faction_as_committee_is_a_404(client, spd):
    assert client.get(f"/folgen/?art=committee&id={spd.pk}").status_code == 404


@pytest.mark.parametrize(
    "email", ["", "kein-at-zeichen", "a@b", "leser@example.org\nBcc: x@example.org", "x" * 300]
)
def test_the_form_refuses_a_bad_address(subscribe, paper, email):
    response, sent = subscribe(paper, email=email)

    assert response.status_code == 400
    assert sent == []
    assert not Subscription.objects.exists()


def test_the_form_refuses_an_unknown_frequency(subscribe, paper):
    response, sent = subscribe(paper, frequency="stündlich")

    assert response.status_code == 400
    assert sent == []


def test_subscribing_mails_a_confirmation_link_and_nothing_else(subscribe, paper):
    response, sent = subscribe(paper)

    assert response.status_code == 302
    assert [m.to for m in sent] == [[ADDRESS]]
    assert "/folgen/bestaetigen/" in sent[0].body
    assert "/folgen/abbestellen/" in sent[0].body
    assert not Subscription.objects.get().is_confirmed


def test_every_mail_offers_one_click_unsubscribe(subscribe, paper):
    _response, sent = subscribe(paper)

    headers = sent[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http")
    assert link_in(sent[0], "/folgen/abbestellen/") in headers["List-Unsubscribe"]


def test_the_answer_is_the_same_for_a_known_address(subscribe, client, paper):
    first, _ = subscribe(paper)
    services.confirm(token=services.confirm_token(Subscription.objects.get()))

    again, sent = subscribe(paper)

    assert again.status_code == first.status_code == 302
    assert again["Location"] == first["Location"]
    assert sent == []
    assert Subscription.objects.count() == 1
    assert ADDRESS not in client.get(again["Location"]).content.decode()


def test_a_second_request_within_minutes_sends_no_second_mail(subscribe, paper):
    subscribe(paper)

    _response, sent = subscribe(paper, email=ADDRESS.upper())

    assert sent == []
    assert Subscription.objects.count() == 1


def test_an_address_gets_a_limited_number_of_confirmations_a_day(
    client, body, django_capture_on_commit_callbacks
):
    committees = [f.CommitteeFactory(body=body) for _ in range(services.PENDING_PER_DAY + 1)]

    with django_capture_on_commit_callbacks(execute=True):
        for committee in committees:
            client.post(
                f"/folgen/?art=committee&id={committee.pk}",
                {"email": ADDRESS, "frequency": "daily"},
            )

    assert len(mail.outbox) == services.PENDING_PER_DAY


def test_a_client_is_throttled_after_many_requests(client, paper, settings):
    for _ in range(20):
        client.post(f"/folgen/?art=paper&id={paper.pk}", {"email": "", "frequency": "daily"})

    response = client.post(
        f"/folgen/?art=paper&id={paper.pk}", {"email": ADDRESS, "frequency": "daily"}
    )

    assert response.status_code == 429
    assert not Subscription.objects.exists()


def test_confirming_asks_first_and_confirms_on_post(subscribe, client, paper):
    _response, sent = subscribe(paper)
    link = link_in(sent[0], "/folgen/bestaetigen/")

    asked = client.get(link)
    assert asked.status_code == 200
    assert not Subscription.objects.get().is_confirmed

    confirmed = client.post(link)
    assert confirmed.status_code == 200
    assert "Integrationsmanagement" in confirmed.content.decode()
    assert Subscription.objects.get().is_confirmed


def test_an_expired_confirmation_link_confirms_nothing(subscribe, client, paper):
    _response, sent = subscribe(paper)
    link = link_in(sent[0], "/folgen/bestaetigen/")

    with freeze_time(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)):
        response = client.post(link)

    assert response.status_code == 400
    assert not Subscription.objects.get().is_confirmed


@pytest.mark.parametrize("token", ["unsinn", "1:abc:def", "W1sxLDJdXQ:1:x", "%00"])
def test_a_forged_confirmation_link_is_a_normal_page(client, token):
    assert client.get(f"/folgen/bestaetigen/{token}/").status_code == 400
    assert client.post(f"/folgen/bestaetigen/{token}/").status_code == 400


def test_an_unsubscribe_token_does_not_confirm(subscribe, client, paper):
    _response, sent = subscribe(paper)
    unsubscribe_link = link_in(sent[0], "/folgen/abbestellen/")
    token = unsubscribe_link.rstrip("/").rsplit("/", 1)[1]

    assert client.post(f"/folgen/bestaetigen/{token}/").status_code == 400


def test_one_click_unsubscribe_is_a_post_without_csrf_token(subscribe, paper):
    from django.test import Client

    _response, sent = subscribe(paper)
    link = link_in(sent[0], "/folgen/abbestellen/")

    response = Client(enforce_csrf_checks=True).post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_the_unsubscribe_page_offers_a_button(subscribe, client, paper):
    _response, sent = subscribe(paper)
    link = link_in(sent[0], "/folgen/abbestellen/")

    response = client.get(link)

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert Subscription.objects.exists()
    assert ADDRESS not in response.content.decode()


def test_unsubscribing_twice_is_no_error(subscribe, client, paper):
    _response, sent = subscribe(paper)
    link = link_in(sent[0], "/folgen/abbestellen/")
    client.post(link)

    assert client.post(link).status_code == 200


def test_a_forged_unsubscribe_link_is_a_normal_page(client):
    assert client.get("/folgen/abbestellen/unsinn/").status_code == 200
    assert client.post("/folgen/abbestellen/unsinn/").status_code == 400


def test_unconfirmed_subscriptions_are_forgotten_after_a_week(subscribe, paper):
    subscribe(paper)

    assert (
        services.forget_unconfirmed(
            datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)
        )
        == 1
    )
    assert not Subscription.objects.exists()


def test_following_sets_no_cookie(client, paper, subscribe):
    page = client.get(f"/folgen/?art=paper&id={paper.pk}")
    response, sent = subscribe(paper)
    confirm_page = client.get(link_in(sent[0], "/folgen/bestaetigen/"))

    assert page.cookies == response.cookies == confirm_page.cookies == {}
