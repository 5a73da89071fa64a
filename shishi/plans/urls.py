from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.import_notice, name="import"),
    path("import/<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/", views.detail, name="detail"),
]
