from django.urls import path

from . import views

app_name = "bulletins"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<int:pk>/", views.plan_bulletins, name="plan"),
    path("plans/<int:pk>/<int:quarter>/preview/", views.preview, name="preview"),
    path("plans/<int:pk>/<int:quarter>/issue/", views.issue, name="issue"),
    path("<int:pk>/download/", views.download, name="download"),
]
