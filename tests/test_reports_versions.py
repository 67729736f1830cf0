"""A published report keeps every earlier version; its versions page shows them and what changed,
word by word, to whoever may read the report."""

import datetime

import pytest
from django.urls import reverse

from reports.models import Report, ReportState, ReportVersion
from reports.versions import DELETE, EQUAL, INSERT, compare, word_diff
from tests import factories as f

pytestmark = pytest.mark.django_db

FIRST = {
    "title": "Stand des Kommunalen Integrationsmanagements",
    "introduction": "Die Verwaltung berichtet wie folgt.",
    "answers": [
        {
            "question": "Wie wird der Beschluss umgesetzt?",
            "order": 1,
            "text": "Es gibt 12 Stellen.",
        },
        {"question": "Wie werden die Träger eingebunden?", "order": 2, "text": "Über den Beirat."},
    ],
    "conclusion": "",
    "oral_summary": "",
}
SECOND = {
    **FIRST,
    "answers": [
        {
            "question": "Wie wird der Beschluss umgesetzt?",
            "order": 1,
            "text": "Es gibt 14 Stellen.",
        },
        {"question": "Wie werden die Träger eingebunden?", "order": 2, "text": "Über den Beirat."},
    ],
}


# Word by word --------------------------------------------------------------------------------------


def test_a_changed_word_is_replaced_whole_not_letter_by_letter():
    assert word_diff("Maßnahmen für Geflüchtete", "Maßnahmen für Zugewanderte") == [
        (EQUAL, "Maßnahmen für "),
        (DELETE, "Geflüchtete"),
        (INSERT, "Zugewanderte"),
    ]


def test_words_with_umlauts_and_eszett_stay_whole():
    changes = word_diff("Die Trägerin übernimmt die Straße.", "Die Träger übernehmen die Strasse.")

    assert changes == [
        (EQUAL, "Die "),
        (DELETE, "Trägerin übernimmt"),
        (INSERT, "Träger übernehmen"),
        (EQUAL, " die "),
        (DELETE, "Straße"),
        (INSERT, "Strasse"),
        (EQUAL, "."),
    ]


def test_an_inserted_word_is_shown_alone():
    assert word_diff("Die Stellen sind besetzt.", "Die Stellen sind alle besetzt.") == [
        (EQUAL, "Die Stellen sind "),
        (INSERT, "alle "),
        (EQUAL, "besetzt."),
    ]


def test_paragraphs_survive_the_comparison():
    changes = word_diff("Erster Absatz.\n\nZweiter Absatz.", "Erster Absatz.\n\nDritter Absatz.")

    assert "".join(text for op, text in changes if op != DELETE) == (
        "Erster Absatz.\n\nDritter Absatz."
    )


def test_unchanged_text_is_one_unchanged_stretch():
    assert word_diff("Über den Beirat.", "Über den Beirat.") == [(EQUAL, "Über den Beirat.")]


def test_answers_are_compared_by_the_number_of_their_question():
    third = {"question": "Was kostet es?", "order": 3, "text": "Nichts."}

    parts = compare(FIRST, {**SECOND, "answers": [*SECOND["answers"], third]})

    assert [(p.label, p.changed) for p in parts] == [
        ("Titel", False),
        ("Einleitung", False),
        ("Antwort auf Frage 1", True),
        ("Antwort auf Frage 2", False),
        ("Antwort auf Frage 3", True),
    ]


# The versions page ---------------------------------------------------------------------------------


def published(request, contents, is_public=True):
    """A report published in `contents`, one version each, a week apart."""
    first = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=f.BERLIN)
    report = Report.objects.create(
        request=request,
        body=request.paper.body,
        reference="M/2026/0001",
        title=contents[-1]["title"],
        state=ReportState.PUBLISHED,
        is_public=is_public,
        released_at=first,
        published_at=first,
        created_by=request.requested_by,
        published_by=request.requested_by,
    )
    for number, content in enumerate(contents, start=1):
        ReportVersion.objects.create(
            report=report,
            number=number,
            published_at=first + datetime.timedelta(days=7 * (number - 1)),
            published_by=request.requested_by,
            note="" if number == 1 else f"Zahl in Antwort 1 berichtigt ({number}).",
            content=content,
        )
    return report


@pytest.fixture
def request_(b2, integration_unit):
    return f.ReportRequestFactory(paper=f.requested_paper(committee=b2), unit=integration_unit)


@pytest.fixture
def report(request_):
    return published(request_, [FIRST, SECOND])


def url(report, **query):
    return reverse("reports:versions", args=[report.pk]), query


def test_the_page_lists_every_version_with_its_date_and_note(client, report):
    response = client.get(*url(report))

    assert "Fassung 1" in response.text and "Fassung 2" in response.text
    assert "08.04.2026, 09:00 Uhr" in response.text
    assert "Zahl in Antwort 1 berichtigt (2)." in response.text


def test_the_last_two_versions_are_compared_by_default(client, report):
    response = client.get(*url(report))

    assert [part.label for part in response.context["changed"]] == ["Antwort auf Frage 1"]
    assert (response.context["old"].number, response.context["new"].number) == (1, 2)


def test_any_two_versions_can_be_compared(client, request_):
    third = {**SECOND, "title": "Stand des Kommunalen Integrationsmanagements 2026"}
    report = published(request_, [FIRST, SECOND, third])

    response = client.get(*url(report, von=1, zu=3))

    assert [part.label for part in response.context["changed"]] == [
        "Titel",
        "Antwort auf Frage 1",
    ]


def test_insertions_and_deletions_are_named_not_only_coloured(client, report):
    response = client.get(*url(report))

    assert '<del><span class="visually-hidden">gelöscht: </span>12</del>' in response.text
    assert '<ins><span class="visually-hidden">eingefügt: </span>14</ins>' in response.text


def test_text_in_a_version_is_shown_as_text_not_markup(client, request_):
    script = {**SECOND, "introduction": "<script>alert(1)</script> Die Verwaltung berichtet."}
    report = published(request_, [FIRST, script])

    response = client.get(*url(report))

    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize(
    "query", [{"von": "abc"}, {"zu": "99"}, {"von": "-1"}, {"zu": "9" * 50}, {"zu": "²"}]
)
def test_a_version_that_does_not_exist_gives_the_page_with_a_message(client, report, query):
    response = client.get(*url(report, **query))

    assert response.status_code == 200
    assert "gibt es nicht" in response.text


def test_a_report_with_one_version_says_nothing_changed(client, request_):
    report = published(request_, [FIRST])

    response = client.get(*url(report))

    assert "Bisher gibt es nur diese eine Fassung" in response.text


# Who sees the versions ---------------------------------------------------------------------------------


@pytest.fixture
def closed_report(b2, integration_unit):
    request = f.ReportRequestFactory(
        paper=f.requested_paper(committee=b2, is_public=False), unit=integration_unit
    )
    return published(request, [FIRST, SECOND], is_public=False)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("citizen", 404),
        ("spd_staff", 404),
        ("planning_unit_staff", 404),
        ("b2_member", 200),
        ("integration_unit_staff", 200),
        ("office", 200),
    ],
)
def test_a_non_public_reports_versions_only_for_those_who_may_read_it(
    client, request, closed_report, persona, status
):
    user = request.getfixturevalue(persona)
    if user:
        client.force_login(user)

    response = client.get(*url(closed_report))

    assert response.status_code == status


def test_a_draft_has_no_versions_page_for_citizens(client, request_):
    draft = Report.objects.create(
        request=request_,
        body=request_.paper.body,
        title="Entwurf",
        created_by=request_.requested_by,
    )

    response = client.get(*url(draft))

    assert response.status_code == 404


def test_the_unit_sees_that_its_draft_has_no_version_yet(client, request_, integration_unit_staff):
    draft = Report.objects.create(
        request=request_,
        body=request_.paper.body,
        title="Entwurf",
        created_by=request_.requested_by,
    )
    client.force_login(integration_unit_staff)

    response = client.get(*url(draft))

    assert "noch keine Fassung veröffentlicht" in response.text


def test_the_report_page_can_say_how_many_versions_there_are(report):
    from django.template.loader import render_to_string

    line = render_to_string("reports/_versions_summary.html", {"report": report})

    assert "2 Fassungen, zuletzt geändert am" in line
    assert reverse("reports:versions", args=[report.pk]) in line
