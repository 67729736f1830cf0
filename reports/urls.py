from django.urls import path

from reports import accountability_views, version_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("auftraege/<int:pk>/", views.request_detail, name="request"),
    path("rechenschaft/", accountability_views.accountability, name="accountability"),
    path("auftraege/", accountability_views.request_list, name="requests"),
    path("<int:pk>/fassungen/", version_views.versions, name="versions"),
]
