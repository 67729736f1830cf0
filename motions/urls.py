from django.urls import path

from motions import drafting, letters, views
from motions.letterimport import views as letterimport
from pagecache.decorators import cache_personal, cache_public

app_name = "motions"
urlpatterns = [
    path("", cache_public(views.paper_list), name="list"),
    path("unsere/", cache_personal(views.dashboard), name="dashboard"),
    path("neu/", drafting.create, name="create"),
    path("neu/brief/", letterimport.upload, name="letter_import"),
    path("neu/brief/<int:pk>/", letterimport.letter_draft, name="letter_draft"),
    path("benachrichtigungen/", views.notifications, name="notifications"),
    path("<int:pk>/", cache_public(views.detail), name="detail"),
    path("<int:pk>/bearbeiten/", drafting.edit, name="edit"),
    path("<int:pk>/zustimmen/", views.agree, name="agree"),
    path("<int:pk>/einreichen/", views.submit, name="submit"),
    path("<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("<int:pk>/brief/", cache_public(letters.letter), name="letter"),
    path("<int:pk>/brief.pdf", cache_public(letters.letter_pdf), name="letter_pdf"),
    path("<int:pk>/anlagen/<int:attachment_pk>/", views.attachment, name="attachment"),
]
