"""What every step shares: the permission check, the row lock and the timeline entry."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from motions import notifications
from motions.models import Paper, TimelineEntry


def require(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("Dazu sind Sie nicht berechtigt."))


def lock(paper):
    return Paper.objects.select_for_update().get(pk=paper.pk)


def record(paper, *, by, action, from_state="", comment="", item=None, notify=True):
    """Write the timeline entry of a step and tell whoever follows the paper."""
    entry = TimelineEntry.objects.create(
        paper=paper,
        actor=by,
        action=action,
        from_state=from_state,
        to_state=paper.state,
        comment=comment,
        agenda_item=item,
    )
    if notify:
        notifications.step_taken(paper, entry)
    return entry


def move(paper, *, by, to, action, comment="", fields=(), item=None):
    """Change the state, save the named fields and write the timeline entry."""
    from_state = paper.state
    paper.state = to
    paper.save(update_fields=["state", "modified", *fields])
    return record(paper, by=by, action=action, from_state=from_state, comment=comment, item=item)
