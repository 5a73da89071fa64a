from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("plans/<id:pk>/<quarter:quarter>/", views.plan_notices, name="plan"),
    path("plans/<id:pk>/year-end/", views.year_end_page, name="year_end"),
    path("mine/", views.mine, name="mine"),
    path("notices/<id:pk>/answer/", views.answer_notice, name="answer"),
    path("notices/<id:pk>/close/", views.close_notice, name="close"),
]
