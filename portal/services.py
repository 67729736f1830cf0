"""The steps of a feedback message: received (with its answer deadline), answered."""

import functools

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from council.links import absolute_url
from council.roles import roles_of
from portal.models import Feedback, one_month_after
from portal.tasks import send_feedback_mail
from reports.reminders import office_addresses


class AlreadyAnswered(Exception):
    """The feedback has been answered; an answer is not sent twice."""


def _mail_later(subject, text, to):
    if to:
        transaction.on_commit(
            functools.partial(send_feedback_mail.enqueue, subject=subject, text=text, to=to)
        )


@transaction.atomic
def submit_feedback(*, body, email, message, name="", page="") -> Feedback:
    """Store a message; the sender gets a confirmation with the date the answer is due, and the
    council office a notice (without the sender's address, which stays in the office's list)."""
    received = timezone.now()
    feedback = Feedback.objects.create(
        body=body,
        name=name,
        email=email,
        page=page,
        message=message,
        received_at=received,
        due_date=one_month_after(timezone.localdate(received)),
    )
    with override("de"):
        _mail_later(
            _("Ihre Rückmeldung zur Barrierefreiheit ist eingegangen"),
            _(
                "Guten Tag,\n\nvielen Dank für Ihre Rückmeldung zur Barrierefreiheit des "
                "Ratsinformationssystems %(body)s. Wir antworten Ihnen bis zum %(due)s.\n\n"
                "Ihre Nachricht:\n%(message)s\n"
            )
            % {"body": body.name, "due": f"{feedback.due_date:%d.%m.%Y}", "message": message},
            [email],
        )
        _mail_later(
            _("Neue Rückmeldung zur Barrierefreiheit (Antwort bis %(due)s)")
            % {"due": f"{feedback.due_date:%d.%m.%Y}"},
            _("Eine neue Rückmeldung zur Barrierefreiheit ist eingegangen:\n%(url)s\n")
            % {"url": absolute_url(reverse("portal:feedback_detail", args=[feedback.pk]))},
            office_addresses(body),
        )
    return feedback


@transaction.atomic
def answer_feedback(*, feedback, answer, by) -> Feedback:
    """The council office answers; the answer goes to the sender by mail."""
    if not roles_of(by).office:
        raise PermissionDenied
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if not feedback.is_open:
        raise AlreadyAnswered(_("Diese Rückmeldung ist bereits beantwortet."))
    feedback.answer = answer
    feedback.answered_at = timezone.now()
    feedback.answered_by = by
    feedback.save(update_fields=["answer", "answered_at", "answered_by"])
    with override("de"):
        _mail_later(
            _("Antwort auf Ihre Rückmeldung zur Barrierefreiheit"),
            _("Guten Tag,\n\n%(answer)s\n\nIhre Nachricht vom %(received)s:\n%(message)s\n")
            % {
                "answer": answer,
                "received": f"{timezone.localtime(feedback.received_at):%d.%m.%Y}",
                "message": feedback.message,
            },
            [feedback.email],
        )
    return feedback
