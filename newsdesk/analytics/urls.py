from django.urls import path

from . import views

urlpatterns = [
    path("view", views.beacon, name="analytics-beacon"),
    path("view.gif", views.pixel, name="analytics-pixel"),
]
