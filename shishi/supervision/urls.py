from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("plans/<int:pk>/<int:quarter>/", views.plan_notices, name="plan"),
    path("plans/<int:pk>/year-end/", views.year_end_page, name="year_end"),
    path("mine/", views.mine, name="mine"),
    path("notices/<int:pk>/answer/", views.answer_notice, name="answer"),
    path("notices/<int:pk>/close/", views.close_notice, name="close"),
]
