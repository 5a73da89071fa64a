from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.import_notice, name="import"),
    path("import/<id:pk>/", views.preview, name="preview"),
    path("import/<id:pk>/cancel/", views.cancel_import, name="cancel_import"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/archive/", views.archive, name="archive"),
    path("<id:pk>/projects/<id:project_pk>/edit/", views.edit_project, name="edit_project"),
]
