"""Following a search by e-mail: the search registers itself as a kind of subscription.

Only the words and the organisation and year filters are kept: the subscription form's own `art`
parameter names the kind of subscription, so a search's type filter cannot travel with it."""

from django.utils.translation import gettext as _

from council.forms import is_id
from search import engine

PARAMETERS = ("q", "gremium", "fraktion", "jahr")


def _filters(params):
    def number(name):
        value = params.get(name, "")
        return int(value) if is_id(value) else None

    return engine.Filters(
        committee=number("gremium"), faction=number("fraktion"), year=number("jahr")
    )


def describe(params):
    query, _shortened = engine.clean_query(params.get("q", ""))
    if not query:
        return None
    return _("Suche „%(query)s“") % {"query": query}


def new_results(params, since):
    return engine.new_results(params.get("q", ""), _filters(params), since)


def register():
    from subscriptions import kinds

    kinds.register("search", parameters=PARAMETERS, describe=describe, new_results=new_results)
