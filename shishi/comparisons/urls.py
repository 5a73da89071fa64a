from django.urls import path

from . import views

app_name = "comparisons"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/<int:year>/themes/", views.themes, name="themes"),
    path("<int:pk>/<int:year>/indicators/", views.indicators, name="indicators"),
    path("<int:pk>/<int:year>/<str:table>.<str:fmt>", views.counties_export, name="counties_export"),
    path("<int:pk>/years/", views.region_years, name="years"),
    path("<int:pk>/years/steps/<int:number>/", views.years_step, name="years_step"),
    path("<int:pk>/years/indicators/", views.years_indicators, name="years_indicators"),
    path("<int:pk>/years/<str:table>.<str:fmt>", views.years_export, name="years_export"),
]
