"""`send_subscriptions`: news go out once, instantly or as a daily digest, however often the
command runs; nothing before confirmation, nothing non-public, nothing when there is no news."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from freezegun import freeze_time

from motions import services as paper_steps
from subscriptions.models import Subscription
from tests import factories as f

pytestmark = pytest.mark.django_db


def at(day, hour, minute=0):
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=f.BERLIN)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The cron command at a moment in Berlin, with its queued mail sent; this run's mails."""

    def run(moment):
        before = len(mail.outbox)
        with freeze_time(moment), django_capture_on_commit_callbacks(execute=True):
            call_command("send_subscriptions", verbosity=0)
        return mail.outbox[before:]

    return run


@pytest.fixture
def follow(b2):
    def follow(kind="committee", target=None, frequency="instant", confirmed=None):
        confirmed = confirmed or at(1, 12)
        return Subscription.objects.create(
            email=f"{frequency}@example.org",
            kind=kind,
            target=target or f"id={b2.pk}",
            frequency=frequency,
            confirmed_at=confirmed,
            checked_until=confirmed,
        )

    return follow


@pytest.fixture
def submit(b2, spd, spd_staff):
    def submit(moment, title="Schulweg", **fields):
        with freeze_time(moment):
            paper = f.draft(committee=b2, by=spd_staff, factions=[spd], title=title, **fields)
            return paper_steps.submit(paper=paper, by=spd_staff)

    return submit


def test_an_instant_subscriber_hears_of_a_new_paper_once(run, follow, submit):
    follow()
    submit(at(2, 10))

    first = run(at(2, 10, 5))
    again = run(at(2, 10, 10))

    assert [m.to for m in first] == [["instant@example.org"]]
    assert "Schulweg" in first[0].body
    assert again == []


def test_the_mail_names_the_news_with_a_link_and_ends_with_unsubscribing(run, follow, submit):
    follow()
    paper = submit(at(2, 10))

    (message,) = run(at(2, 10, 5))

    assert f"http://testserver{paper.get_absolute_url()}" in message.body or (
        paper.get_absolute_url() in message.body
    )
    assert "/folgen/abbestellen/" in message.body.rsplit("-- ", 1)[1]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_no_mail_without_news(run, follow):
    follow()

    assert run(at(2, 10)) == []


def test_no_mail_before_confirmation(run, b2, submit):
    Subscription.objects.create(
        email="x@example.org", kind="committee", target=f"id={b2.pk}", frequency="instant"
    )
    submit(at(2, 10))

    assert run(at(2, 10, 5)) == []


def test_no_mail_of_a_non_public_paper(run, follow, submit):
    follow()
    submit(at(2, 10), title="Grundstück", is_public=False)

    assert run(at(2, 10, 5)) == []


def test_news_from_before_the_confirmation_are_not_mailed(run, follow, submit):
    submit(at(1, 11))
    follow(confirmed=at(1, 12))

    assert run(at(1, 12, 5)) == []


def test_a_daily_digest_waits_for_the_morning(run, follow, submit):
    follow(frequency="daily", confirmed=at(2, 8))
    submit(at(2, 10))
    submit(at(2, 15), title="Radweg")

    evening = run(at(2, 20))
    morning = run(at(3, 7, 5))

    assert evening == []
    assert len(morning) == 1
    assert "Schulweg" in morning[0].body and "Radweg" in morning[0].body
    assert morning[0].subject.startswith("[Ratsfaden] Tägliche Zusammenfassung")


def test_a_daily_digest_goes_out_exactly_once_a_day(run, follow, submit):
    follow(frequency="daily")
    submit(at(2, 10))

    sent = [run(moment) for moment in (at(3, 7), at(3, 7, 5), at(3, 12), at(3, 23, 55))]
    following_day = run(at(4, 7, 5))

    assert [len(mails) for mails in sent] == [1, 0, 0, 0]
    assert following_day == []


def test_the_next_digest_has_only_what_is_new_since(run, follow, submit):
    follow(frequency="daily")
    submit(at(2, 10))
    run(at(3, 7))
    submit(at(3, 9), title="Radweg")

    (digest,) = run(at(4, 7))

    assert "Radweg" in digest.body
    assert "Schulweg" not in digest.body


def test_a_paper_withdrawn_from_the_public_before_sending_is_not_mailed(follow, submit, b2):
    from subscriptions import sending, tasks

    follow()
    paper = submit(at(2, 10))
    with freeze_time(at(2, 10, 5)):
        sending.send_due()  # claimed; in tests the queue is sent only after commit, here never
    type(paper).objects.filter(pk=paper.pk).update(is_public=False)

    sent = tasks.send_news.call(
        subscription_id=Subscription.objects.get().pk,
        since=at(1, 12).isoformat(),
        until=at(2, 10, 5).isoformat(),
    )

    assert sent == 0
    assert mail.outbox == []


def test_the_command_is_silent(run, follow, submit, capsys):
    follow()
    submit(at(2, 10))

    run(at(2, 10, 5))

    assert capsys.readouterr().out == ""


def test_the_command_forgets_unconfirmed_subscriptions_after_a_week(run, b2):
    with freeze_time(at(1, 12)):
        Subscription.objects.create(email="x@example.org", kind="committee", target=f"id={b2.pk}")

    run(at(9, 12))

    assert not Subscription.objects.exists()


def test_a_subscription_of_an_unknown_kind_is_skipped(run, follow, submit):
    follow(kind="removed-app")
    follow()  # the same address follows a committee, too
    submit(at(2, 10))

    assert len(run(at(2, 10, 5))) == 1


# The worker closes its connections between tasks, as a long-running process should.
@pytest.mark.django_db(transaction=True)
def test_the_mails_wait_in_the_database_for_the_worker(settings, follow, submit, run):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    follow()
    submit(at(2, 10))
    mail.outbox.clear()

    assert run(at(2, 10, 5)) == []
    queued = DBTaskResult.objects.count()
    with freeze_time(at(2, 10, 6)):
        call_command("db_worker", batch=True, verbosity=0)

    assert queued == 1
    assert [m.to for m in mail.outbox] == [["instant@example.org"]]


def test_a_line_break_in_a_title_does_not_break_the_subject(run, follow, submit):
    paper = submit(at(2, 10), title="Zeile eins\nZeile zwei")
    follow(kind="paper", target=f"id={paper.pk}")

    (message,) = run(at(2, 10, 5))

    assert "\n" not in message.subject
    assert "Zeile eins Zeile zwei" in message.subject
