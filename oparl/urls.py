from django.urls import path, re_path

from oparl import views

app_name = "oparl"
urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.bodies, name="bodies"),
    path("body/<int:pk>/<str:name>/", views.body_list, name="body_list"),
    path("organization/<int:pk>/meeting/", views.organization_meetings, name="meetings"),
    path("<slug:key>/<int:pk>/", views.detail, name="detail"),
    path("<slug:key>/<int:pk>/inhalt", views.file_content, name="file"),
    path(
        "<slug:key>/<int:pk>/download",
        views.file_content,
        {"download": True},
        name="file_download",
    ),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
