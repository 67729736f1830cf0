from django.utils.functional import SimpleLazyObject

from council.models import current_body
from council.roles import roles_of


def site(request):
    """The body's name for the layout (queried only if a template asks), and the user's roles."""
    return {
        "body": SimpleLazyObject(lambda: current_body(request)),
        "roles": SimpleLazyObject(lambda: roles_of(request.user)),
    }
