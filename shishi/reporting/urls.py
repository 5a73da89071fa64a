from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("quarter/", views.quarter, name="quarter"),
    path("quarter/open/<id:period_pk>/", views.open_report, name="open"),
    path("reports/<id:pk>/", views.report, name="report"),
    path("reports/<id:pk>/save/", views.save, name="save"),
    path("reports/<id:pk>/pdf/", views.upload_pdf, name="upload_pdf"),
    path("reports/<id:pk>/pdf/current/", views.stamped_pdf, name="stamped_pdf"),
    path("reports/<id:pk>/review/", views.review, name="review"),
    path("reports/<id:pk>/versions/<number:number>/", views.version, name="version"),
    path("reports/<id:pk>/versions/<number:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("ledger/<id:assignment_pk>/", views.ledger, name="ledger"),
    path("ledger/files/<id:pk>/", views.ledger_file, name="ledger_file"),
    # Where it has always been, beside the exports whose figures table is its template.
    path("api/bulk/<id:pk>/", views.bulk, name="bulk"),
]
