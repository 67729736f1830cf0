"""Who hears of a paper's step: an in-app notice for each recipient, and an e-mail after commit.

The originating factions hear of every step of their paper; the council office and the chairs
of each new submission; the administration unit of the report it owes. A step taken at a
non-public agenda item is told without its result to whoever may not read that item.
"""

import functools
import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from council.links import absolute_url
from council.models import AgendaItem, Membership, Organization, Role
from council.roles import COUNCIL_OFFICE_GROUP, COUNCIL_OFFICE_PERMISSION
from motions.models import Action, Notification

logger = logging.getLogger(__name__)

FACTION_ROLES = [Role.FACTION_STAFF, Role.FACTION_CHAIR]
CHAIR_ROLES = [Role.CHAIR, Role.DEPUTY_CHAIR]


def _send(subject, body, addresses):
    # The in-app notice is already stored; a mail server that is down must not undo the step.
    try:
        send_mail(subject, body, None, addresses)
    except Exception:
        logger.exception("Could not send notification mail to %d recipients", len(addresses))


def _active_users():
    return get_user_model().objects.filter(is_active=True)


def council_office_users():
    app_label, codename = COUNCIL_OFFICE_PERMISSION.split(".")
    return (
        _active_users()
        .filter(
            Q(groups__name=COUNCIL_OFFICE_GROUP)
            | Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app_label,
            )
        )
        .distinct()
    )


def _members(organizations, roles=None):
    # Staff of a dissolved faction, or of a committee that has ended, hear nothing of it.
    memberships = (
        Membership.objects.active()
        .filter(organization__in=organizations)
        .filter(organization__in=Organization.objects.current())
    )
    if roles:
        memberships = memberships.filter(role__in=roles)
    return _active_users().filter(person__in=memberships.values("person"))


def chair_users(committee):
    """The chair and the deputy chairs: either may stand in for the other."""
    return _members([committee], CHAIR_ROLES)


def unit_users(unit):
    return _members([unit])


def faction_users(factions):
    return _members(factions, FACTION_ROLES)


def _originators(paper):
    return [s.faction for s in paper.sponsorships.select_related("faction")]


def message_about(paper, text):
    kind = paper.type_label
    return f"{kind} {paper.reference or _('(Entwurf)')}: {text}"[:300]


def deliver(paper, messages, mailboxes=(), mailbox_message=""):
    """`messages` maps each recipient to the text meant for them; the mail follows each text.
    Function mailboxes (`mailboxes`) get `mailbox_message` by mail only."""
    Notification.objects.bulk_create(
        Notification(recipient=user, paper=paper, message=message)
        for user, message in messages.items()
    )
    by_text = {}
    for user, message in messages.items():
        if user.email:
            by_text.setdefault(message, set()).add(user.email)
    for address in mailboxes:
        if address:
            by_text.setdefault(mailbox_message, set()).add(address)
    link = absolute_url(paper.get_absolute_url())
    for message, addresses in by_text.items():
        subject = f"[Ratsfaden] {message}"[:200]
        body = f"{message}\n\n{paper.reference or ''} {paper.title}\n{link}\n"
        transaction.on_commit(functools.partial(_send, subject, body, sorted(addresses)))


def _closed(entry):
    if entry.agenda_item.public:  # closed only until the agenda is published
        return entry.get_action_display()
    return _("%(step)s (in nicht öffentlicher Sitzung)") % {"step": entry.get_action_display()}


def _told(entry, text, user):
    """The text as `user` may read it: a step at a non-public item keeps its result closed."""
    item = entry.agenda_item
    if item is None or (item.public and item.published_at):
        return text
    if user is not None and AgendaItem.objects.visible_to(user).filter(pk=item.pk).exists():
        return text
    return _closed(entry)


def step_taken(paper, entry):
    """Tell everyone concerned about a step recorded in the paper's timeline."""
    if entry.action in (Action.CREATED,) or (entry.action == Action.EDITED and paper.is_draft):
        return
    text = entry.get_action_display()
    if entry.comment:
        text = f"{text} – {entry.comment}"
    factions = _originators(paper)
    recipients = set(faction_users(factions))
    mailboxes = [f.email for f in factions]
    if entry.action == Action.SUBMITTED:
        text = _("eingegangen: %(title)s") % {"title": paper.title[:150]}
        if paper.late:
            text += _(" (verspätet)")
        recipients |= set(council_office_users()) | set(chair_users(paper.committee))
        mailboxes.append(paper.body.contact_email)
    elif entry.action == Action.REFERRED:
        target = paper.consultations.filter(meeting__isnull=True).order_by("position").first()
        if target is not None:
            recipients |= set(chair_users(target.organization))
    elif entry.action == Action.WITHDRAWN and entry.from_state != "draft":
        recipients |= set(council_office_users()) | set(chair_users(paper.committee))
    elif entry.action == Action.REPORT_REQUESTED:
        text = _("Bericht angefordert, fällig am %(due)s") % {"due": f"{paper.report_due:%d.%m.%Y}"}
    if entry.action in (Action.AGREED, Action.EDITED):
        mailboxes = []  # matters to the factions' staff, not to their mailboxes
    recipients.discard(entry.actor)
    messages = {user: message_about(paper, _told(entry, text, user)) for user in recipients}
    # A function mailbox may be read by anyone in the organization: it gets the closed text.
    deliver(paper, messages, mailboxes, message_about(paper, _told(entry, text, None)))


def agreement_needed(paper, factions, by):
    """A joint draft names `factions` as co-sponsors, or its text changed since they agreed."""
    text = _("Ihre Zustimmung zum gemeinsamen Entwurf wird erbeten: %(title)s") % {
        "title": paper.title[:150]
    }
    recipients = set(faction_users(factions))
    recipients.discard(by)
    deliver(paper, {user: message_about(paper, text) for user in recipients})
