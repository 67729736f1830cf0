from django import template

from oparl.staff_exports import may_export

register = template.Library()


@register.filter
def may_export_lists(user):
    return user.is_authenticated and may_export(user)
