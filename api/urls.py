"""The REST API: ``/api/v1/…`` resources, the OpenAPI schema and its interactive docs."""

from django.urls import include, path
from rest_framework import routers

from api.catalogue import AdoptionViewSet, CommitteeViewSet, LifecycleStageViewSet, StandardViewSet
from api.crosswalks import CrosswalkViewSet
from api.mappings import MappingViewSet
from api.policies import InstrumentViewSet, JurisdictionViewSet, ObjectiveViewSet
from core.api import APIRootView, DocsView, SchemaView

app_name = "api"


class Router(routers.DefaultRouter):
    APIRootView = APIRootView
    include_format_suffixes = False


router = Router(trailing_slash=True)
router.register("standards", StandardViewSet, basename="standard")
router.register("objectives", ObjectiveViewSet, basename="objective")
router.register("instruments", InstrumentViewSet, basename="instrument")
router.register("jurisdictions", JurisdictionViewSet, basename="jurisdiction")
router.register("lifecycle-stages", LifecycleStageViewSet, basename="lifecycle-stage")
router.register("committees", CommitteeViewSet, basename="committee")
router.register("mappings", MappingViewSet, basename="mapping")
router.register("adoptions", AdoptionViewSet, basename="adoption")
router.register("crosswalks", CrosswalkViewSet, basename="crosswalk")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
]
