"""Which report requests are due a reminder, and who receives it.

`manage.py send_reminders` runs from cron every few minutes, possibly on several machines at
once. It only finds what is due and claims it: a Reminder row, unique per request and kind, is
created before the mail is queued, so that each reminder goes out exactly once.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from council.models import Body, Membership, Organization
from reports.models import Reminder, ReminderKind, ReportRequest

logger = logging.getLogger(__name__)


def due(now=None):
    """(request, kind) pairs whose reminder is due and not yet claimed, as of `now`.

    A request is overdue from midnight (local time) after its due date; the unit is reminded
    `Body.report_reminder_days` days before it, unless the request reached it within that time.
    """
    today = timezone.localdate(now)
    pairs = []
    for body in Body.objects.order_by("pk"):
        days = datetime.timedelta(days=body.report_reminder_days)
        requests = ReportRequest.objects.open().filter(paper__body=body)
        soon = requests.filter(due_date__gte=today, due_date__lte=today + days)
        overdue = requests.filter(due_date__lt=today)
        pairs += [
            (request, kind)
            for request, kind in _unclaimed(soon, ReminderKind.DUE_SOON)
            # Asked for on or after the day of its reminder: the unit was just told about it.
            if timezone.localdate(request.requested_at) < request.due_date - days
        ]
        pairs += _unclaimed(overdue, ReminderKind.OVERDUE)
        pairs += _unclaimed(overdue, ReminderKind.OFFICE_OVERDUE)
    return pairs


def _unclaimed(requests, kind):
    claimed = Reminder.objects.filter(request=OuterRef("pk"), kind=kind)
    return [(request, kind) for request in requests.filter(~Exists(claimed)).order_by("pk")]


def remind(request, kind):
    """Claim the reminder and queue its mail once the claim is committed. False if another run
    (on this machine or another) claimed it first."""
    from reports.tasks import send_reminder

    try:
        with transaction.atomic():
            Reminder.objects.create(request=request, kind=kind)
            transaction.on_commit(
                lambda: send_reminder.enqueue(request_id=request.pk, kind=str(kind))
            )
    except IntegrityError:
        return False
    return True


def send_due(now=None):
    """Claim and queue every reminder that is due; the number queued by this run."""
    return sum(remind(request, kind) for request, kind in due(now))


# Recipients ------------------------------------------------------------------------------------


def unit_addresses(unit):
    """The unit's staff today (the address of their login, else the person's internal address)
    and its function mailbox. A person whose login was deactivated is left out."""
    today = timezone.localdate()
    if not Organization.objects.current(today).filter(pk=unit.pk).exists():
        return []
    memberships = Membership.objects.active(today).filter(organization=unit)
    addresses = set()
    for person in (m.person for m in memberships.select_related("person__user")):
        user = person.user
        if user is None:
            addresses.add(person.email)
        elif user.is_active:
            addresses.add(user.email)
    addresses.add(unit.email)
    return sorted(address for address in addresses if address)


def office_addresses(body):
    """The council office: its staff with a login, and the body's contact address."""
    from motions.notifications import council_office_users

    addresses = {user.email for user in council_office_users()}
    addresses.add(body.contact_email)
    return sorted(address for address in addresses if address)
