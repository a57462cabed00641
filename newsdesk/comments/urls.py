from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/<int:article_id>/", views.post_comment, name="post"),
    path("comments/<int:article_id>/token/", views.token, name="token"),
]
