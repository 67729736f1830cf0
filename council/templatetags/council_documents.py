"""The documents and calendar links of a meeting's page, in one tag, so that the page's template
needs a single line for them."""

from django import template

register = template.Library()


@register.inclusion_tag("council/_meeting_documents.html", takes_context=True)
def meeting_documents(context, meeting, items):
    """Links to the invitation and its supplements, the current agenda and the minutes as the
    reader may open them, and the meeting for a calendar. `items` is the agenda as listed."""
    user = context["request"].user
    released = meeting.minutes_released_at is not None
    draft_minutes = not released and not meeting.cancelled
    return {
        "meeting": meeting,
        "versions": meeting.agenda_versions.order_by("number").only(
            "meeting_id", "number", "kind", "published_at"
        ),
        "has_agenda": any(item.published_at for item in items),
        "minutes": released,
        "draft_minutes": draft_minutes and user.has_perm("council.manage_meeting", meeting),
    }
