from django.urls import path

from pagecache.decorators import cache_personal, cache_public
from reports import accountability_views, inbox, version_views, views, writing

app_name = "reports"
urlpatterns = [
    path("", cache_public(views.report_list), name="list"),
    path("eingang/", cache_personal(inbox.inbox), name="inbox"),
    path("rechenschaft/", accountability_views.accountability, name="accountability"),
    path("<int:pk>/", cache_public(views.detail), name="detail"),
    path("<int:pk>/fassungen/", cache_public(version_views.versions), name="versions"),
    path("<int:pk>/bericht.pdf", cache_public(views.report_pdf), name="pdf"),
    path("<int:pk>/freigeben/", writing.release, name="release"),
    path("<int:pk>/veroeffentlichen/", writing.publish, name="publish"),
    path("<int:pk>/vorgetragen/", writing.present, name="present"),
    path("<int:pk>/anlagen/<int:attachment_pk>/", writing.attachment, name="attachment"),
    path("auftraege/", accountability_views.request_list, name="requests"),
    path("auftraege/<int:pk>/", inbox.request_detail, name="request"),
    path("auftraege/<int:pk>/zuweisen/", inbox.assign, name="assign"),
    path("auftraege/<int:pk>/bericht/", writing.write, name="write"),
    path("anfordern/<int:paper_pk>/", writing.request_report, name="request_report"),
]
