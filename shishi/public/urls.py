from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("elder/", views.index, {"elder": True}, name="index_elder"),
    path("<id:pk>/", views.plan_page, name="plan"),
    path("<id:pk>/elder/", views.plan_page, {"elder": True}, name="plan_elder"),
    path("manage/<id:pk>/", views.manage, name="manage"),
    path("manage/<id:pk>/<quarter:quarter>/", views.manage, name="manage_quarter"),
    path("manage/<id:pk>/<quarter:quarter>/<id:project_pk>/", views.statement, name="statement"),
    path("manage/<id:pk>/publish/", views.publish, name="publish"),
]
