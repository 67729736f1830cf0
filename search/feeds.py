"""Every search as an Atom feed (/suche/feed/?q=…): its newest public matches."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from council.models import current_body
from search import engine
from search.forms import SearchForm

FEED_ITEMS = 30


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        body = current_body(request)
        form = SearchForm(request.GET, body=body)
        params = request.GET.copy()
        params.pop("seite", None)
        params["q"] = form.query
        return {"form": form, "body": body, "query_string": params.urlencode()}

    def title(self, obj):
        site = obj["body"].name if obj["body"] else "Ratsfaden"
        query = obj["form"].query
        return _("Suche „%(q)s“ – %(site)s") % {"q": query, "site": site} if query else site

    def link(self, obj):
        return f"{reverse('search:results')}?{obj['query_string']}"

    def feed_url(self, obj):
        return f"{reverse('search:feed')}?{obj['query_string']}"

    def subtitle(self, obj):
        return _("Die neuesten öffentlichen Treffer dieser Suche.")

    def author_name(self, obj):
        return obj["body"].name if obj["body"] else "Ratsfaden"

    def items(self, obj):
        form = obj["form"]
        if not form.query:
            return []
        return engine.latest(form.query, form.filters, limit=FEED_ITEMS)

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.label

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        if item.date is None:
            return item.first_indexed
        return datetime.datetime.combine(
            item.date, datetime.time(), timezone.get_current_timezone()
        )

    def item_updateddate(self, item):
        return self.item_pubdate(item)
