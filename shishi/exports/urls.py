from django.urls import path

from . import views

# Included at /api/exports/ (shishi/urls.py): the addresses exports had inside the api app.
app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/<id:pk>/<slug:kind>.<slug:fmt>", views.export_plan, name="plan"),
    path("jobs/", views.job_start, name="job_start"),
    path("jobs/<id:pk>/", views.job, name="job"),
    path("jobs/<id:pk>/status/", views.job_status, name="job_status"),
    path("jobs/<id:pk>/file/", views.job_file, name="job_file"),
]
