"""Work that runs later, in the task worker (`manage.py db_worker`): the subscribers' mail.

Every mail is plain German text and ends with the unsubscribe link; its headers offer one-click
unsubscribing to mail programs (RFC 8058)."""

import datetime

from django.core.mail import EmailMessage
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from council.links import absolute_url
from subscriptions import kinds, services
from subscriptions.models import Frequency, Subscription
from subscriptions.sending import news


def unsubscribe_url(subscription):
    token = services.unsubscribe_token(subscription)
    return absolute_url(reverse("subscriptions:unsubscribe", args=[token]))


def _send(subscription, subject, text):
    link = unsubscribe_url(subscription)
    footer = _(
        "Sie erhalten diese E-Mail, weil Ihre Adresse dafür eingetragen wurde. Abbestellen mit "
        "einem Klick:"
    )
    # A title is typed by people: a line break in it must not break the header.
    subject = " ".join(f"[Ratsfaden] {subject}".split())[:200]
    message = EmailMessage(
        subject,
        f"{text}\n\n-- \n{footer}\n{link}\n",
        None,
        [subscription.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.send()


def _describe(subscription):
    kind = kinds.get(subscription.kind)
    return kind.describe(kinds.params_of(subscription.target)) if kind else None


@task
def send_confirmation(*, subscription_id):
    """Ask the mailbox's owner to confirm. Nothing if confirmed or gone meanwhile."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or subscription.is_confirmed:
        return 0
    what = _describe(subscription)
    if what is None:
        return 0
    with override("de"):
        link = absolute_url(
            reverse("subscriptions:confirm", args=[services.confirm_token(subscription)])
        )
        days = services.CONFIRM_MAX_AGE.days
        text = _(
            "Guten Tag,\n\nfür diese Adresse wurde gewünscht, per E-Mail über Neues zu folgendem "
            "informiert zu werden:\n\n  %(what)s\n  (%(frequency)s)\n\nBitte bestätigen Sie das "
            "innerhalb von %(days)d Tagen über diesen Link:\n%(link)s\n\nWaren Sie das nicht, "
            "brauchen Sie nichts zu tun: ohne Bestätigung erhalten Sie keine weiteren E-Mails, "
            "und die Adresse wird gelöscht."
        ) % {
            "what": what,
            "frequency": subscription.get_frequency_display(),
            "days": days,
            "link": link,
        }
        _send(subscription, _("Bitte bestätigen: %(what)s") % {"what": what}, text)
    return 1


@task
def send_news(*, subscription_id, since, until):
    """Mail the public news in (since, until] that the run found; checked again now, so that
    nothing withdrawn from the public since is mailed."""
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not subscription.is_confirmed:
        return 0
    what = _describe(subscription)
    results = news(
        subscription, datetime.datetime.fromisoformat(since), datetime.datetime.fromisoformat(until)
    )
    if what is None or not results:
        return 0
    with override("de"):
        lines = []
        for title, url, date in results:
            local = timezone.localtime(date)
            lines.append(f"{local:%d.%m.%Y %H:%M} {title}\n  {absolute_url(url)}")
        if subscription.frequency == Frequency.DAILY:
            subject = _("Tägliche Zusammenfassung: %(what)s") % {"what": what}
        else:
            subject = _("Neu: %(what)s") % {"what": what}
        text = _("Neues zu „%(what)s“:") % {"what": what} + "\n\n" + "\n\n".join(lines)
        _send(subscription, subject, text)
    return len(results)
