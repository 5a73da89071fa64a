from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("<id:pk>/board/<quarter:quarter>/", views.board, name="board"),
    path("<id:pk>/board/<quarter:quarter>/remind/<id:unit_pk>/", views.send_reminder, name="remind"),
    path("<id:pk>/board/<quarter:quarter>/remind-all/", views.remind_all, name="remind_all"),
    path("<id:pk>/projects/<id:project_pk>/", views.project_page, name="project"),
    path("<id:pk>/history/", views.history, name="history"),
]
