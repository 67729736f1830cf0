from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from pagecache.decorators import cache_public
from portal import views
from portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("barrierefreiheit/", cache_public(views.accessibility), name="accessibility"),
    path("barrierefreiheit/rueckmeldung/", views.feedback, name="feedback"),
    path("barrierefreiheit/rueckmeldung/danke/", views.feedback_thanks, name="feedback_thanks"),
    path("barrierefreiheit/rueckmeldungen/", views.feedback_list, name="feedback_list"),
    path(
        "barrierefreiheit/rueckmeldungen/<int:pk>/",
        views.feedback_detail,
        name="feedback_detail",
    ),
    path("leichte-sprache/", cache_public(views.easy_language), name="easy_language"),
    path("robots.txt", cache_public(views.robots_txt), name="robots"),
    path(
        "sitemap.xml",
        cache_public(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
