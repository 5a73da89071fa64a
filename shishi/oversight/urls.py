from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("<int:pk>/board/<int:quarter>/", views.board, name="board"),
    path("<int:pk>/board/<int:quarter>/remind/<int:unit_pk>/", views.send_reminder, name="remind"),
    path("<int:pk>/projects/<int:project_pk>/", views.project_page, name="project"),
    path("<int:pk>/history/", views.history, name="history"),
]
