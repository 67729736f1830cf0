"""The portal's pages: accessibility statement, feedback for citizens and the office, Leichte
Sprache, robots.txt."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from portal import services
from portal.models import AccessibilityStatement, Feedback

SENDER = "leserin@example.org"


def send(client, **data):
    data = {"email": SENDER, "message": "Der Kalender ist mit dem Bildschirmleser leer.", **data}
    return client.post(reverse("portal:feedback"), data)


@pytest.fixture
def feedback(body):
    return services.submit_feedback(
        body=body, email=SENDER, message="Kontrast zu schwach", page="/sitzungen/"
    )


@pytest.fixture(params=["citizen", "spd_staff", "b2_chair", "integration_unit_staff", "office"])
def anyone(request, client):
    user = request.getfixturevalue(request.param)
    if user:
        client.force_login(user)
    return user


def test_the_statement_shows_the_defaults_before_the_office_writes_one(client, body):
    response = client.get(reverse("portal:accessibility"))

    assert "BITV 2.0" in response.content.decode()
    assert AccessibilityStatement.objects.count() == 0


def test_the_statement_shows_what_the_office_wrote(client, body):
    AccessibilityStatement.objects.create(body=body, conformance="Teilweise vereinbar.")

    assert "Teilweise vereinbar." in client.get(reverse("portal:accessibility")).content.decode()


def test_everyone_reaches_the_feedback_form_from_every_page(client, body, anyone):
    for url in [reverse("council:home"), reverse("motions:list"), reverse("council:meetings")]:
        assert reverse("portal:feedback") in client.get(url).content.decode()


def test_the_feedback_link_names_the_page_it_came_from(client, body):
    response = client.get(reverse("portal:feedback"), {"seite": "/sitzungen/"})

    assert 'value="/sitzungen/"' in response.content.decode()


def test_sending_feedback_stores_it_with_a_deadline_a_month_later(client, body):
    response = send(client)

    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:feedback_thanks")
    assert feedback.due_date.month % 12 == (feedback.received_at.month + 1) % 12


def test_the_sender_gets_a_confirmation_with_the_deadline(
    client, body, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client)

    confirmation = next(m for m in mail.outbox if m.to == [SENDER])
    assert Feedback.objects.get().due_date.strftime("%d.%m.%Y") in confirmation.body


def test_the_office_is_told_without_the_senders_address(
    client, body, office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client)

    notice = next(m for m in mail.outbox if m.to != [SENDER])
    assert SENDER not in notice.body


@pytest.mark.parametrize(
    "data",
    [
        {"email": "kein-at"},
        {"message": ""},
        {"email": ""},
        {"page": "x" * 600},
        {"message": "x" * 6000},
    ],
)
def test_a_bad_feedback_form_is_shown_again_with_what_was_typed(client, body, data):
    response = send(client, name="Erika", **data)

    assert response.status_code == 400
    assert 'value="Erika"' in response.content.decode()
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize("persona", ["spd_staff", "b2_chair", "integration_unit_staff"])
def test_only_the_office_sees_the_feedback_list(client, persona, request, feedback):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("portal:feedback_list")).status_code == 403
    assert client.get(feedback.get_absolute_url()).status_code == 403


def test_a_citizen_is_asked_to_log_in_for_the_feedback_list(client, feedback):
    assert client.get(reverse("portal:feedback_list")).status_code == 302
    assert client.get(feedback.get_absolute_url()).status_code == 302


def test_the_statement_links_the_feedback_list_for_the_office_only(client, body, office):
    link = reverse("portal:feedback_list")
    public = client.get(reverse("portal:accessibility")).content.decode()
    client.force_login(office)

    assert link not in public
    assert link in client.get(reverse("portal:accessibility")).content.decode()


def test_the_office_sees_open_feedback_with_days_left(client, office, feedback):
    client.force_login(office)

    content = client.get(reverse("portal:feedback_list")).content.decode()

    assert "Kontrast zu schwach" in content
    assert "noch " in content


def test_the_office_sees_overdue_feedback_marked_in_words(client, office, feedback):
    Feedback.objects.filter(pk=feedback.pk).update(due_date=datetime.date(2020, 1, 1))
    client.force_login(office)

    assert "überfällig" in client.get(reverse("portal:feedback_list")).content.decode()


def test_the_office_answers_and_the_sender_gets_the_answer(
    client, office, feedback, django_capture_on_commit_callbacks
):
    client.force_login(office)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(feedback.get_absolute_url(), {"answer": "Wir haben es behoben."})

    feedback.refresh_from_db()
    assert response.status_code == 302
    assert feedback.answered_by == office
    assert any(m.to == [SENDER] and "behoben" in m.body for m in mail.outbox)


def test_an_empty_answer_is_refused(client, office, feedback):
    client.force_login(office)

    response = client.post(feedback.get_absolute_url(), {"answer": ""})

    assert response.status_code == 400
    assert Feedback.objects.get().answered_at is None


def test_feedback_is_answered_only_once(client, office, feedback):
    client.force_login(office)
    client.post(feedback.get_absolute_url(), {"answer": "Erste Antwort"})

    client.post(feedback.get_absolute_url(), {"answer": "Zweite Antwort"})

    assert Feedback.objects.get().answer == "Erste Antwort"


def test_the_feedback_list_runs_a_bounded_number_of_queries(
    client, office, body, django_assert_max_num_queries
):
    for n in range(20):
        item = services.submit_feedback(body=body, email=SENDER, message=f"Nachricht {n}")
        if n % 2:
            services.answer_feedback(feedback=item, answer="Danke", by=office)
    client.force_login(office)

    with django_assert_max_num_queries(10):
        assert client.get(reverse("portal:feedback_list"), {"nach": "abc"}).status_code == 200


def test_no_address_appears_on_a_public_page(client, feedback):
    for url in ["/", reverse("portal:accessibility"), reverse("portal:feedback_thanks")]:
        assert SENDER not in client.get(url).content.decode()


def test_leichte_sprache_explains_the_site(client, body, anyone):
    content = client.get(reverse("portal:easy_language")).content.decode()

    assert "Was ist der Rat?" in content
    assert content.count("<h1") == 1


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_staff_pages(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /verwaltung/" in response.content.decode()
