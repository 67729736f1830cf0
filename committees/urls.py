from django.urls import path

from committees import meetings, views
from pagecache.decorators import cache_personal

app_name = "committees"
urlpatterns = [
    path("mein-ausschuss/", cache_personal(views.workspaces), name="workspaces"),
    path("mein-ausschuss/<int:pk>/", cache_personal(views.workspace), name="workspace"),
    path("eingang/", cache_personal(views.inbox), name="inbox"),
    path("antraege/<int:pk>/terminieren/", views.schedule, name="schedule"),
    path("antraege/<int:pk>/beratungsfolge/", views.plan, name="plan"),
    path("sitzungen-vorbereiten/", cache_personal(meetings.prepare), name="prepare"),
    path("sitzungen/<int:pk>/tagesordnung/", meetings.agenda_editor, name="agenda"),
    path("sitzungen/<int:pk>/tagesordnung/neu/", meetings.add_item, name="add_item"),
    path(
        "sitzungen/<int:pk>/tagesordnung/standardpunkte/",
        meetings.apply_template,
        name="apply_template",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/hoch/",
        meetings.move_item,
        {"direction": "up"},
        name="move_up",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/runter/",
        meetings.move_item,
        {"direction": "down"},
        name="move_down",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/entfernen/",
        meetings.remove_item,
        name="remove_item",
    ),
    path("sitzungen/<int:pk>/veroeffentlichen/", meetings.publish, name="publish"),
    path(
        "sitzungen/<int:pk>/sitzungstag/", cache_personal(meetings.meeting_day), name="meeting_day"
    ),
    path("sitzungen/<int:pk>/sitzungstag/<int:item_pk>/", meetings.record, name="record"),
    path(
        "sitzungen/<int:pk>/niederschrift-freigeben/",
        meetings.release_minutes,
        name="release_minutes",
    ),
]
