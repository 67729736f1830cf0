from django import template

from subscriptions.following import options_for

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_options(context):
    """What the current page offers to follow (see subscriptions.following)."""
    return options_for(context)
