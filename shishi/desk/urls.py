from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("review/", views.review, name="review"),
    path("supervision/", views.supervision, name="supervision"),
    path("proposals/", views.proposals, name="proposals"),
]
