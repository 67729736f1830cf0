from django.urls import path

from pagecache.decorators import cache_public
from subscriptions import feeds, views

app_name = "subscriptions"
urlpatterns = [
    path("feeds/antraege/", cache_public(feeds.PaperRegisterFeed()), name="papers_feed"),
    path("feeds/antraege/<int:pk>/", cache_public(feeds.PaperTimelineFeed()), name="paper_feed"),
    path("feeds/berichte/", cache_public(feeds.ReportFeed()), name="reports_feed"),
    path("feeds/sitzungen/", cache_public(feeds.MeetingFeed()), name="meetings_feed"),
    path("feeds/personen/", cache_public(feeds.MembersFeed()), name="members_feed"),
    path("folgen/", views.subscribe, name="subscribe"),
    path("folgen/bestaetigung/", views.requested, name="requested"),
    path("folgen/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("folgen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
