from django.urls import path

from oparl import pages, staff_exports

app_name = "open_data"
urlpatterns = [
    path("", pages.open_data_page, name="page"),
    path("intern/drucksachen.csv", staff_exports.paper_list_csv, name="papers_csv"),
    path("<str:name>", pages.archive, name="archive"),
]
