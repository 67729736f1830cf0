from django.urls import path

app_name = "motions"
urlpatterns: list = []
