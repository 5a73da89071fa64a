from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("quarter/", views.quarter, name="quarter"),
    path("quarter/open/<int:period_pk>/", views.open_report, name="open"),
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/save/", views.save, name="save"),
    path("reports/<int:pk>/pdf/", views.upload_pdf, name="upload_pdf"),
    path("reports/<int:pk>/pdf/current/", views.stamped_pdf, name="stamped_pdf"),
    path("reports/<int:pk>/review/", views.review, name="review"),
    path("reports/<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("reports/<int:pk>/versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("ledger/<int:assignment_pk>/", views.ledger, name="ledger"),
    path("ledger/files/<int:pk>/", views.ledger_file, name="ledger_file"),
]
