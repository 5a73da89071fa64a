from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<id:pk>/q<quarter:quarter>/", views.forms, name="forms"),
    path("plans/<id:pk>/blank.<str:fmt>", views.blank, name="blank"),
    path("plans/<id:pk>/q<quarter:quarter>/units/<id:unit_pk>.<str:fmt>", views.unit_file, name="unit_file"),
    path("plans/<id:pk>/q<quarter:quarter>/upload/", views.upload, name="upload"),
    path("imports/<id:pk>/", views.preview, name="preview"),
    path("imports/<id:pk>/confirm/", views.confirm, name="confirm"),
]
