from django.urls import path

from committees import views

app_name = "committees"
urlpatterns = [
    path("mein-ausschuss/", views.workspaces, name="workspaces"),
    path("mein-ausschuss/<int:pk>/", views.workspace, name="workspace"),
    path("eingang/", views.inbox, name="inbox"),
    path("antraege/<int:pk>/terminieren/", views.schedule, name="schedule"),
    path("antraege/<int:pk>/beratungsfolge/", views.plan, name="plan"),
]
