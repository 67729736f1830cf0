"""Places where an app further up adds to a page of an app below it, without the lower app
knowing of it: `{% extension "committees/_meeting_tools.html" %}` renders that template if an
installed app provides it, and nothing otherwise."""

from django import template
from django.template.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def extension(context, template_name):
    try:
        extension_template = get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    return extension_template.render(context.flatten(), context.get("request"))
