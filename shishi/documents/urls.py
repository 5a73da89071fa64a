from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/q<int:quarter>/", views.forms, name="forms"),
    path("plans/<int:pk>/blank.<str:fmt>", views.blank, name="blank"),
    path("plans/<int:pk>/q<int:quarter>/units/<int:unit_pk>.<str:fmt>", views.unit_file, name="unit_file"),
    path("plans/<int:pk>/q<int:quarter>/upload/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.preview, name="preview"),
    path("imports/<int:pk>/confirm/", views.confirm, name="confirm"),
]
