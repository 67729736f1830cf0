"""Work that runs later, in the task worker (`manage.py db_worker`): the reminders' mail."""

from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from council.links import absolute_url
from reports.models import ReminderKind, ReportRequest
from reports.reminders import office_addresses, unit_addresses


@task
def send_reminder(*, request_id, kind):
    """Mail the reminder claimed for the request. A request answered since the claim is not
    reminded any more, nor one whose due date passed while the early reminder waited in the
    queue. A failing mail server fails the task, which the worker records."""
    request = (
        ReportRequest.objects.select_related("paper__body", "unit").filter(pk=request_id).first()
    )
    if request is None or not request.is_open:
        return 0
    if kind == ReminderKind.DUE_SOON and request.due_date < timezone.localdate():
        return 0  # queued too long ago: the overdue reminder says it now
    if kind == ReminderKind.OFFICE_OVERDUE:
        addresses = office_addresses(request.paper.body)
    else:
        addresses = unit_addresses(request.unit)
    if not addresses:
        return 0
    with override("de"):
        subject, body = reminder_text(request, kind)
    send_mail(subject, body, None, addresses)
    return len(addresses)


def reminder_text(request, kind):
    """Subject and body of the reminder mail, in German."""
    paper, today = request.paper, timezone.localdate()
    facts = {
        "unit": request.unit.name,
        "reference": paper.reference or "",
        "title": paper.title,
        "due": f"{request.due_date:%d.%m.%Y}",
        "when": _in_days((request.due_date - today).days),
    }
    if kind == ReminderKind.DUE_SOON:
        subject = _("Bericht fällig am %(due)s: %(reference)s") % facts
        text = _(
            "Erinnerung: Der Bericht von %(unit)s zu %(reference)s „%(title)s“ ist am %(due)s "
            "fällig (%(when)s)."
        )
    elif kind == ReminderKind.OVERDUE:
        subject = _("Bericht überfällig: %(reference)s") % facts
        text = _(
            "Der Bericht von %(unit)s zu %(reference)s „%(title)s“ war am %(due)s fällig und "
            "liegt noch nicht vor. Bitte veröffentlichen Sie ihn so bald wie möglich."
        )
    else:
        subject = _("Überfälliger Bericht: %(unit)s, %(reference)s") % facts
        text = _(
            "Für den Sitzungsdienst: %(unit)s schuldet den Bericht zu %(reference)s „%(title)s“, "
            "fällig am %(due)s, und hat ihn noch nicht veröffentlicht."
        )
    link = absolute_url(request.get_absolute_url())
    return f"[Ratsfaden] {subject}"[:200], f"{text % facts}\n\n{link}\n"


def _in_days(days):
    if days <= 0:
        return _("heute")
    return ngettext("morgen", "in %(days)d Tagen", days) % {"days": days}
