from django.urls import path

from . import api

app_name = "maps"
urlpatterns = [
    path("events", api.events, name="api-events"),
    path("events.csv", api.events_csv, name="api-events-csv"),
    path("areas", api.areas, name="api-areas"),
    path("areas/timeline", api.timeline, name="api-areas-timeline"),
]
