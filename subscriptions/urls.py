from django.urls import path

from subscriptions import feeds, views

app_name = "subscriptions"
urlpatterns = [
    path("feeds/antraege/", feeds.PaperRegisterFeed(), name="papers_feed"),
    path("feeds/antraege/<int:pk>/", feeds.PaperTimelineFeed(), name="paper_feed"),
    path("feeds/berichte/", feeds.ReportFeed(), name="reports_feed"),
    path("feeds/sitzungen/", feeds.MeetingFeed(), name="meetings_feed"),
    path("feeds/personen/", feeds.MembersFeed(), name="members_feed"),
    path("folgen/", views.subscribe, name="subscribe"),
    path("folgen/bestaetigung/", views.requested, name="requested"),
    path("folgen/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("folgen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
