"""Who hears of a report request: the unit that owes it (its staff and its function mailbox)."""

from django.utils.translation import gettext as _

from motions import notifications as paper_notifications


def report_requested(request):
    paper = request.paper
    text = _("Bericht angefordert bei %(unit)s (%(form)s), fällig am %(due)s") % {
        "unit": request.unit.name,
        "form": request.get_form_display(),
        "due": f"{request.due_date:%d.%m.%Y}",
    }
    message = paper_notifications.message_about(paper, text)
    users = set(paper_notifications.unit_users(request.unit)) - {request.requested_by}
    paper_notifications.deliver(
        paper, {user: message for user in users}, [request.unit.email], message
    )
