from django.urls import path

from pagecache.decorators import cache_public
from search import feeds, views

app_name = "search"
urlpatterns = [
    path("", cache_public(views.results), name="results"),
    path("feed/", cache_public(feeds.SearchFeed()), name="feed"),
]
