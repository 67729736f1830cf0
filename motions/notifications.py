"""Who hears of a paper's step: an in-app notice for each recipient, and an e-mail after commit."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from council.models import Membership, Role
from council.roles import COUNCIL_OFFICE_GROUP, COUNCIL_OFFICE_PERMISSION
from motions.models import Notification

logger = logging.getLogger(__name__)


def _send(subject, body, addresses):
    # The in-app notice is already stored; a mail server that is down must not undo the step.
    try:
        send_mail(subject, body, None, addresses)
    except Exception:
        logger.exception("Could not send notification mail to %d recipients", len(addresses))


def council_office_users():
    app_label, codename = COUNCIL_OFFICE_PERMISSION.split(".")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name=COUNCIL_OFFICE_GROUP)
            | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
        )
        .distinct()
    )


def chair_users(committee):
    return get_user_model().objects.filter(
        is_active=True,
        person__in=Membership.objects.active()
        .filter(organization=committee, role=Role.CHAIR)
        .values("person"),
    )


def unit_users(unit):
    return get_user_model().objects.filter(
        is_active=True,
        person__in=Membership.objects.active().filter(organization=unit).values("person"),
    )


def _notify(paper, users, message, extra_addresses=()):
    users = list(users)
    Notification.objects.bulk_create(
        Notification(recipient=user, paper=paper, message=message) for user in users
    )
    addresses = sorted({u.email for u in users if u.email} | {a for a in extra_addresses if a})
    if addresses:
        subject = f"[Ratsfaden] {message}"
        body = f"{message}\n\n{paper.reference or ''} {paper.title}\n"
        transaction.on_commit(lambda: _send(subject, body, addresses))


def paper_submitted(paper, entry):
    kind = paper.get_paper_type_display()
    message = _("%(kind)s %(reference)s eingegangen: %(title)s") % {
        "kind": kind,
        "reference": paper.reference,
        "title": paper.title[:150],
    }
    if paper.late:
        message += _(" (verspätet)")
    users = set(council_office_users()) | set(chair_users(paper.committee))
    _notify(paper, users, message, extra_addresses=[paper.body.contact_email])


def report_requested(paper, entry):
    message = _("Bericht angefordert zu %(reference)s, fällig am %(due)s") % {
        "reference": paper.reference,
        "due": f"{paper.report_due:%d.%m.%Y}",
    }
    _notify(
        paper, unit_users(paper.report_unit), message, extra_addresses=[paper.report_unit.email]
    )
