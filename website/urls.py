"""The pages, in three namespaces: ``website:`` (home, coverage, about) and the document pages,
named after the documents they show (``catalogue:``, ``policies:``); ``config.urls`` mounts them."""

from django.urls import path, register_converter

from core.converters import JurisdictionCodeConverter, ObjectiveCodeConverter
from website import views

register_converter(ObjectiveCodeConverter, "objective")
register_converter(JurisdictionCodeConverter, "jurisdiction")

site_patterns = [
    path("", views.home, name="home"),
    path("coverage/", views.coverage, name="coverage"),
    path("compare/", views.compare, name="compare"),
    path("glossary/", views.glossary, name="glossary"),
    path("about/", views.about, name="about"),
]

catalogue_patterns = [
    path("standards/", views.standard_list, name="standard-list"),
    path("standards/<slug:slug>/", views.standard_detail, name="standard-detail"),
    path("committees/", views.committee_list, name="committee-list"),
    path("committees/<slug:slug>/", views.committee_detail, name="committee-detail"),
]

policy_patterns = [
    path("objectives/", views.objective_list_page, name="objective-list"),
    path("objectives/<objective:code>/", views.objective_detail, name="objective-detail"),
    path("instruments/", views.instrument_list, name="instrument-list"),
    path("instruments/<slug:slug>/", views.instrument_detail, name="instrument-detail"),
    path("jurisdictions/", views.jurisdiction_list, name="jurisdiction-list"),
    path(
        "jurisdictions/<jurisdiction:code>/", views.jurisdiction_detail, name="jurisdiction-detail"
    ),
]
