from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.import_notice, name="import"),
    path("import/<id:pk>/", views.preview, name="preview"),
    path("<id:pk>/", views.detail, name="detail"),
]
