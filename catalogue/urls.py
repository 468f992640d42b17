from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("standards/", views.standard_list, name="standard-list"),
    path("standards/<slug:slug>/", views.standard_detail, name="standard-detail"),
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee-detail"),
]
