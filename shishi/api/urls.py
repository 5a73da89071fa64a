from django.urls import path

from . import views
from .rest import api

app_name = "api"
urlpatterns = [
    path("exports/", views.exports, name="exports"),
    path("exports/plans/<int:pk>/<slug:kind>.<slug:fmt>", views.export_plan, name="export_plan"),
    path("exports/jobs/", views.job_start, name="job_start"),
    path("exports/jobs/<int:pk>/", views.job, name="job"),
    path("exports/jobs/<int:pk>/status/", views.job_status, name="job_status"),
    path("exports/jobs/<int:pk>/file/", views.job_file, name="job_file"),
    path("bulk/<int:pk>/", views.bulk, name="bulk"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("docs/assets/<str:name>", views.docs_asset, name="docs_asset"),
    # The REST API (rest.py) and its documentation at /api/docs, under the namespace api:rest.
    path("", api.urls),
]
