"""The search page: public content only, the same for everyone."""

import re
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from council.models import current_body
from search import engine
from search.forms import SearchForm

PAGE_NUMBER = re.compile(r"^[0-9]{1,6}$")


@require_safe
def results(request):
    form = SearchForm(request.GET, body=current_body(request))
    notes = _notes(form)
    found = None
    page = _page(request.GET.get("seite"), notes)
    if form.query:
        found = engine.search(form.query, form.filters, order=form.order, page=page)
        if page > found.pages:
            notes.append(_("Diese Seite gibt es nicht; gezeigt wird die letzte Seite."))
    elif "q" in request.GET:
        notes.append(_("Bitte geben Sie einen Suchbegriff ein."))
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "found": found,
            "notes": notes,
            "query_string": _query_string(request, form),
            "follow_query": _follow_query(form),
        },
    )


def _notes(form):
    notes = []
    if form.shortened:
        notes.append(
            _("Der Suchbegriff war zu lang und wurde auf %(n)s Zeichen gekürzt.")
            % {"n": engine.MAX_QUERY_CHARS}
        )
    for label in form.dropped:
        notes.append(
            _("Der Filter „%(label)s“ hatte einen ungültigen Wert und wurde nicht angewendet.")
            % {"label": label}
        )
    return notes


def _page(value, notes):
    if value is None or value == "":
        return 1
    if PAGE_NUMBER.match(value) and int(value) > 0:
        return int(value)
    notes.append(_("Die Seitenzahl war ungültig; gezeigt wird die erste Seite."))
    return 1


def _follow_query(form):
    """The search as a subscription's parameters (see search/following.py)."""
    params = {"art": "search", "q": form.query}
    for name in ("gremium", "fraktion", "jahr"):
        value = form.valid(name)
        if value:
            params[name] = getattr(value, "pk", value)
    return urlencode(params)


def _query_string(request, form):
    """The search's parameters without the page, for the pager and the feed link."""
    params = request.GET.copy()
    params.pop("seite", None)
    params["q"] = form.query
    return params.urlencode()
