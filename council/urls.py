"""Root URLs. Paths are German and lowercase; ids in URLs are primary keys, which never change."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import TemplateView

from council import calendars, documents, health, views
from pagecache.decorators import cache_public

council_patterns = [
    path("", cache_public(views.home), name="home"),
    path("gremien/", cache_public(views.organization_list), name="organizations"),
    path("gremien/<int:pk>/", cache_public(views.organization_detail), name="organization"),
    path(
        "gremien/<int:pk>/kalender.ics",
        cache_public(calendars.organization_feed),
        name="organization_ical",
    ),
    path("sitzungen/", cache_public(views.meeting_calendar), name="meetings"),
    path("sitzungen/kalender.ics", cache_public(calendars.feed), name="meetings_ical"),
    path("sitzungen/<int:pk>/", cache_public(views.meeting_detail), name="meeting"),
    path(
        "sitzungen/<int:pk>/sitzung.ics", cache_public(calendars.meeting_event), name="meeting_ical"
    ),
    path(
        "sitzungen/<int:pk>/einladung-<int:number>.pdf",
        documents.invitation_pdf,
        name="invitation_pdf",
    ),
    path("sitzungen/<int:pk>/tagesordnung.pdf", documents.agenda_pdf, name="agenda_pdf"),
    path("sitzungen/<int:pk>/niederschrift/", cache_public(documents.minutes), name="minutes"),
    path("sitzungen/<int:pk>/niederschrift.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("personen/", cache_public(views.person_list), name="persons"),
    path("personen/<int:pk>/", cache_public(views.person_detail), name="person"),
    path("impressum/", TemplateView.as_view(template_name="council/imprint.html"), name="imprint"),
    path(
        "datenschutz/", TemplateView.as_view(template_name="council/privacy.html"), name="privacy"
    ),
]

handler500 = "council.health.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", include((council_patterns, "council"))),
    path("", include("portal.urls")),
    path("antraege/", include("motions.urls")),
    path("", include("committees.urls")),
    path("berichte/", include("reports.urls")),
    path("suche/", include("search.urls")),
    path("", include("subscriptions.urls")),
    path("oparl/v1/", include("oparl.urls")),
    path("daten/", include("oparl.open_data_urls")),
    path("anmelden/", views.LoginView.as_view(), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("verwaltung/", admin.site.urls),
]
