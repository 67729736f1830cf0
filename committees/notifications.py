"""Who hears that an agenda was published: the members are invited, and the factions learn that
their papers are on it."""

import logging

from django.core.mail import EmailMessage
from django.utils import timezone
from django.utils.translation import gettext as _

from council.links import absolute_url
from council.models import AgendaItem, Membership
from motions import notifications as paper_notifications

logger = logging.getLogger(__name__)


def agenda_published(sender, *, version, **kwargs):
    meeting = version.meeting
    _invite_members(meeting, version)
    new = [entry["number"] for entry in version.items if entry["new"]]
    items = AgendaItem.objects.filter(
        meeting=meeting, number__in=new, consultation__isnull=False
    ).select_related("consultation__paper")
    for item in items:
        paper = item.consultation.paper
        text = _("steht auf der Tagesordnung: %(meeting)s, %(number)s") % {
            "meeting": meeting,
            "number": item.number,
        }
        users = paper_notifications.faction_users([s.faction for s in paper.sponsorships.all()])
        message = paper_notifications.message_about(paper, text)
        paper_notifications.deliver(paper, {user: message for user in users})


def _invite_members(meeting, version):
    day = timezone.localdate(meeting.start)
    addresses = sorted(
        {
            address
            for address in Membership.objects.active(day)
            .filter(organization__in=meeting.organizations.all())
            .values_list("person__email", flat=True)
            if address
        }
    )
    if not addresses:
        return
    kind = version.get_kind_display()
    subject = f"[Ratsfaden] {kind}: {meeting}"
    body = _("%(kind)s zur %(meeting)s, %(start)s Uhr.\n\nTagesordnung: %(link)s\n") % {
        "kind": kind,
        "meeting": meeting.name,
        "start": f"{timezone.localtime(meeting.start):%d.%m.%Y, %H:%M}",
        "link": absolute_url(meeting.get_absolute_url()),
    }
    try:
        # One mail, the members as blind copies: no member learns another's address.
        EmailMessage(subject, body, bcc=addresses).send()
    except Exception:
        # The agenda is published; a mail server that is down must not undo that.
        logger.exception("Could not send the invitation of meeting %s", meeting.pk)
