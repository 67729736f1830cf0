from django.urls import path, re_path

from oparl import views
from pagecache.decorators import cache_public

app_name = "oparl"
urlpatterns = [
    path("", cache_public(views.system), name="system"),
    path("body/", cache_public(views.bodies), name="bodies"),
    path("body/<int:pk>/<str:name>/", cache_public(views.body_list), name="body_list"),
    path(
        "organization/<int:pk>/meeting/", cache_public(views.organization_meetings), name="meetings"
    ),
    path("<slug:key>/<int:pk>/", cache_public(views.detail), name="detail"),
    path("<slug:key>/<int:pk>/inhalt", views.file_content, name="file"),
    path(
        "<slug:key>/<int:pk>/download",
        views.file_content,
        {"download": True},
        name="file_download",
    ),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
