from django.urls import path, register_converter

from core.converters import JurisdictionCodeConverter, ObjectiveCodeConverter
from policies import views

register_converter(ObjectiveCodeConverter, "objective")
register_converter(JurisdictionCodeConverter, "jurisdiction")

app_name = "policies"

urlpatterns = [
    path("objectives/", views.objective_list_page, name="objective-list"),
    path("objectives/<objective:code>/", views.objective_detail, name="objective-detail"),
    path("instruments/", views.instrument_list, name="instrument-list"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument-detail"),
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction-list"),
    path(
        "jurisdictions/<jurisdiction:code>/", views.jurisdiction_detail, name="jurisdiction-detail"
    ),
]
