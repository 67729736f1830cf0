from django.urls import path

from oparl import pages

app_name = "open_data"
urlpatterns = [
    path("", pages.open_data_page, name="page"),
    path("<str:name>", pages.archive, name="archive"),
]
