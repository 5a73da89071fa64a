from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<id:pk>/", views.plan_bulletins, name="plan"),
    path("plans/<id:pk>/<quarter:quarter>/draft/", views.draft, name="draft"),
    path("plans/<id:pk>/<quarter:quarter>/preview/", views.preview, name="preview"),
    path("plans/<id:pk>/<quarter:quarter>/issue/", views.issue, name="issue"),
    path("<id:pk>/download/", views.download, name="download"),
]
