"""Reminders of reports: the unit N days before the due date and when overdue, the council office
when overdue – each exactly once, however often and wherever `send_reminders` runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from council.models import Role
from reports import reminders
from reports.models import Reminder, ReminderKind
from tests import factories as f

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 6, 30)


def at(day, hour=8, minute=0):
    """A moment in Berlin."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=f.BERLIN)


@pytest.fixture
def request_(b2, integration_unit):
    paper = f.requested_paper(
        committee=b2, reference="A/2026/0001", title="Kommunales Integrationsmanagement"
    )
    return f.ReportRequestFactory(paper=paper, unit=integration_unit, due_date=DUE)


@pytest.fixture
def send_reminders(django_capture_on_commit_callbacks):
    """Runs the cron command at a moment in Berlin, with its queued mail sent; the mails of
    this run."""

    def send_reminders(moment):
        before = len(mail.outbox)
        with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", verbosity=0)
        return mail.outbox[before:]

    return send_reminders


def kinds(request):
    return set(Reminder.objects.filter(request=request).values_list("kind", flat=True))


# When ------------------------------------------------------------------------------------------


def test_the_unit_is_reminded_seven_days_before_the_due_date(
    send_reminders, request_, integration_unit_staff
):
    sent = send_reminders(at(DUE - datetime.timedelta(days=7)))

    assert [m.to for m in sent] == [["integration-staff@example.org"]]
    assert "ist am 30.06.2026 fällig (in 7 Tagen)" in sent[0].body


def test_the_unit_is_not_reminded_earlier(send_reminders, request_, integration_unit_staff):
    sent = send_reminders(at(DUE - datetime.timedelta(days=8), 23, 59))

    assert sent == []


def test_the_days_before_are_set_per_body(send_reminders, request_, body, integration_unit_staff):
    body.report_reminder_days = 3
    body.save()

    early = send_reminders(at(DUE - datetime.timedelta(days=4)))
    sent = send_reminders(at(DUE - datetime.timedelta(days=3)))

    assert early == []
    assert "(in 3 Tagen)" in sent[0].body


def test_a_request_made_within_the_reminder_days_is_not_reminded_before_it_is_due(
    send_reminders, request_
):
    request_.requested_at = at(DUE - datetime.timedelta(days=5))
    request_.save()

    send_reminders(at(DUE - datetime.timedelta(days=2)))

    assert kinds(request_) == set()


# A request due on day D is overdue from midnight in Berlin: the UTC moments of 23:59 and 00:00
# local time move with summer time, and on the nights of the change.
MIDNIGHTS = {
    "summer": (datetime.date(2026, 6, 30), "2026-06-30 21:59", "2026-06-30 22:00"),
    "winter": (datetime.date(2026, 1, 15), "2026-01-15 22:59", "2026-01-15 23:00"),
    "night to summer time": (datetime.date(2026, 3, 28), "2026-03-28 22:59", "2026-03-28 23:00"),
    "first summer night": (datetime.date(2026, 3, 29), "2026-03-29 21:59", "2026-03-29 22:00"),
    "night to winter time": (datetime.date(2026, 10, 24), "2026-10-24 21:59", "2026-10-24 22:00"),
    "first winter night": (datetime.date(2026, 10, 25), "2026-10-25 22:59", "2026-10-25 23:00"),
}


@pytest.mark.parametrize(("due", "last_minute", "midnight"), MIDNIGHTS.values(), ids=MIDNIGHTS)
def test_a_request_is_not_overdue_at_2359_on_its_due_date(
    send_reminders, request_, due, last_minute, midnight
):
    request_.due_date = due
    request_.requested_at = at(due - datetime.timedelta(days=30))
    request_.save()

    send_reminders(datetime.datetime.fromisoformat(f"{last_minute}+00:00"))

    assert ReminderKind.OVERDUE not in kinds(request_)


@pytest.mark.parametrize(("due", "last_minute", "midnight"), MIDNIGHTS.values(), ids=MIDNIGHTS)
def test_a_request_is_overdue_at_midnight_after_its_due_date(
    send_reminders, request_, due, last_minute, midnight
):
    request_.due_date = due
    request_.requested_at = at(due - datetime.timedelta(days=30))
    request_.save()

    send_reminders(datetime.datetime.fromisoformat(f"{midnight}+00:00"))

    assert {ReminderKind.OVERDUE, ReminderKind.OFFICE_OVERDUE} <= kinds(request_)


# Whom ------------------------------------------------------------------------------------------


def test_an_overdue_request_is_reported_to_the_unit_and_the_council_office(
    send_reminders, request_, integration_unit_staff, office
):
    sent = send_reminders(at(DUE + datetime.timedelta(days=1)))

    by_subject = {m.subject: m.to for m in sent}
    assert by_subject == {
        "[Ratsfaden] Bericht überfällig: A/2026/0001": ["integration-staff@example.org"],
        "[Ratsfaden] Überfälliger Bericht: Fachbereich Integration, A/2026/0001": [
            "office@example.org",
            "ratsbuero@example.org",
        ],
    }


def test_the_unit_is_reached_through_its_staff_and_its_function_mailbox(integration_unit):
    integration_unit.email = "integration@example.org"
    integration_unit.save()
    with_login = f.PersonFactory(body=integration_unit.body)
    f.MembershipFactory(person=with_login, organization=integration_unit)
    f.user_for(with_login, username="kollegin", email="kollegin@example.org")
    without_login = f.PersonFactory(body=integration_unit.body, email="ohne.konto@example.org")
    f.MembershipFactory(person=without_login, organization=integration_unit)

    addresses = reminders.unit_addresses(integration_unit)

    assert addresses == [
        "integration@example.org",
        "kollegin@example.org",
        "ohne.konto@example.org",
    ]


def test_former_staff_and_deactivated_logins_are_not_reminded(integration_unit):
    former = f.PersonFactory(body=integration_unit.body, email="frueher@example.org")
    f.MembershipFactory(
        person=former, organization=integration_unit, end_date=datetime.date(2021, 1, 31)
    )
    deactivated = f.PersonFactory(body=integration_unit.body)
    f.MembershipFactory(person=deactivated, organization=integration_unit, role=Role.MEMBER)
    f.user_for(deactivated, username="deaktiviert", is_active=False)

    assert reminders.unit_addresses(integration_unit) == []


# Exactly once ---------------------------------------------------------------------------------------


def test_each_reminder_goes_out_once_when_the_command_runs_twice(
    send_reminders, request_, integration_unit_staff, office
):
    first = send_reminders(at(DUE + datetime.timedelta(days=1)))
    second = send_reminders(at(DUE + datetime.timedelta(days=1), 8, 5))

    assert (len(first), second) == (2, [])


def test_a_reminder_claimed_elsewhere_is_not_sent_again(
    request_, integration_unit_staff, django_capture_on_commit_callbacks
):
    Reminder.objects.create(request=request_, kind=ReminderKind.OVERDUE)

    with django_capture_on_commit_callbacks(execute=True):
        claimed = reminders.remind(request_, ReminderKind.OVERDUE)

    assert (claimed, mail.outbox) == (False, [])


def test_the_overdue_reminder_follows_the_early_one(
    send_reminders, request_, integration_unit_staff
):
    send_reminders(at(DUE - datetime.timedelta(days=7)))
    send_reminders(at(DUE + datetime.timedelta(days=1)))

    assert kinds(request_) == {
        ReminderKind.DUE_SOON,
        ReminderKind.OVERDUE,
        ReminderKind.OFFICE_OVERDUE,
    }


def test_nothing_is_sent_for_an_answered_request(send_reminders, request_, integration_unit_staff):
    request_.answered_at = at(DUE - datetime.timedelta(days=10))
    request_.save()

    sent = send_reminders(at(DUE + datetime.timedelta(days=1)))

    assert (sent, kinds(request_)) == ([], set())


def test_a_request_answered_after_the_claim_is_not_reminded(request_, integration_unit_staff):
    from reports.tasks import send_reminder

    request_.answered_at = at(DUE)
    request_.save()

    send_reminder.call(request_id=request_.pk, kind=ReminderKind.OVERDUE)

    assert mail.outbox == []


# The mail -------------------------------------------------------------------------------------------


def test_the_reminder_links_to_the_request(
    send_reminders, request_, integration_unit_staff, settings
):
    settings.SITE_URL = "https://rat.example.org"

    sent = send_reminders(at(DUE - datetime.timedelta(days=7)))

    assert f"https://rat.example.org/berichte/auftraege/{request_.pk}/" in sent[0].body


def test_the_reminder_names_the_unit_and_the_paper(
    send_reminders, request_, integration_unit_staff
):
    sent = send_reminders(at(DUE + datetime.timedelta(days=1)))

    assert sent[0].body.startswith(
        "Der Bericht von Fachbereich Integration zu A/2026/0001 „Kommunales "
        "Integrationsmanagement“ war am 30.06.2026 fällig und liegt noch nicht vor."
    )


# The worker closes its connections between tasks, as a long-running process should.
@pytest.mark.django_db(transaction=True)
def test_the_reminders_wait_in_the_database_for_the_worker(
    settings, request_, integration_unit_staff, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with freeze_time(at(DUE - datetime.timedelta(days=7))):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", verbosity=0)
        queued = DBTaskResult.objects.count()
        call_command("db_worker", batch=True, verbosity=0)

    assert (queued, [m.to for m in mail.outbox]) == (1, [["integration-staff@example.org"]])


def test_the_command_is_silent_when_nothing_is_due(request_, capsys):
    with freeze_time(at(DUE - datetime.timedelta(days=30))):
        call_command("send_reminders")

    assert capsys.readouterr().out == ""


def test_the_command_says_how_many_reminders_it_queued(
    request_, integration_unit_staff, capsys, django_capture_on_commit_callbacks
):
    with (
        freeze_time(at(DUE + datetime.timedelta(days=1))),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders")

    assert capsys.readouterr().out == "2 Erinnerung(en) in die Warteschlange gestellt.\n"


def test_an_early_reminder_that_waited_past_the_due_date_is_not_sent(
    request_, integration_unit_staff
):
    from reports.tasks import send_reminder

    with freeze_time(at(DUE + datetime.timedelta(days=1))):
        send_reminder.call(request_id=request_.pk, kind=ReminderKind.DUE_SOON)

    assert mail.outbox == []
