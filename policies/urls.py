from django.urls import path

from policies import views

app_name = "policies"

urlpatterns = [
    path("objectives/", views.objective_list_page, name="objective-list"),
    path("objectives/<str:code>/", views.objective_detail, name="objective-detail"),
    path("instruments/", views.instrument_list, name="instrument-list"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument-detail"),
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction-list"),
    path("jurisdictions/<str:code>/", views.jurisdiction_detail, name="jurisdiction-detail"),
]
