from django.urls import path

from . import views

app_name = "comparisons"
urlpatterns = [
    path("", views.index, name="index"),
    path("<id:pk>/<year:year>/themes/", views.themes, name="themes"),
    path("<id:pk>/<year:year>/indicators/", views.indicators, name="indicators"),
    path("<id:pk>/<year:year>/<str:table>.<str:fmt>", views.counties_export, name="counties_export"),
    path("<id:pk>/years/", views.region_years, name="years"),
    path("<id:pk>/years/steps/<number:number>/", views.years_step, name="years_step"),
    path("<id:pk>/years/indicators/", views.years_indicators, name="years_indicators"),
    path("<id:pk>/years/<str:table>.<str:fmt>", views.years_export, name="years_export"),
]
