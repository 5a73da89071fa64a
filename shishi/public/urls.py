from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("elder/", views.index, {"elder": True}, name="index_elder"),
    path("<int:pk>/", views.plan_page, name="plan"),
    path("<int:pk>/elder/", views.plan_page, {"elder": True}, name="plan_elder"),
    path("manage/<int:pk>/", views.manage, name="manage"),
    path("manage/<int:pk>/<int:quarter>/", views.manage, name="manage_quarter"),
    path("manage/<int:pk>/<int:quarter>/<int:project_pk>/", views.statement, name="statement"),
    path("manage/<int:pk>/publish/", views.publish, name="publish"),
]
