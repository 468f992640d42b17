"""Read API for objectives, jurisdictions and policy instruments."""

from api.serializers.policies import (
    InstrumentDetailSerializer,
    InstrumentListSerializer,
    JurisdictionDetailSerializer,
    JurisdictionSerializer,
    ObjectiveSerializer,
)
from core.api import CatalogueViewSet
from discovery.policy_filters import InstrumentFilterSet, JurisdictionFilterSet
from discovery.policy_selectors import (
    instrument_list_with_counts,
    instrument_with_linked_standards,
    jurisdiction_list,
    objective_list,
)


class ObjectiveViewSet(CatalogueViewSet):
    """The seven objective areas of the ISO policy brief, with counts of approved standards."""

    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,2}\.[0-9]{1,2}"
    serializer_class = ObjectiveSerializer
    csv_filename = "objectives"
    csv_columns = [
        ("code", lambda o: o.code),
        ("title", lambda o: o.title),
        ("standard_count", lambda o: o.standard_count),
    ]

    def get_queryset(self):
        return objective_list()


class InstrumentViewSet(CatalogueViewSet):
    """Policy instruments; the detail lists provisions and the standards linked to each."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-z0-9]+"
    filterset_class = InstrumentFilterSet
    csv_filename = "instruments"
    csv_columns = [
        ("slug", lambda i: i.slug),
        ("name", lambda i: i.name),
        ("short_name", lambda i: i.short_name),
        ("issuing_body", lambda i: i.issuing_body),
        ("jurisdiction", lambda i: i.jurisdiction.code),
        ("kind", lambda i: i.kind),
        ("binding", lambda i: i.binding),
        ("adopted_on", lambda i: i.adopted_on),
        ("year", lambda i: i.year),
        ("standard_count", lambda i: i.standard_count),
        ("official_url", lambda i: i.url),
    ]

    def get_queryset(self):
        if self.action == "retrieve":
            return instrument_with_linked_standards()
        return instrument_list_with_counts()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return InstrumentDetailSerializer
        return InstrumentListSerializer


class JurisdictionViewSet(CatalogueViewSet):
    """Countries, blocs (with their members) and INT for global instruments."""

    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_-]{1,16}"
    serializer_class = JurisdictionSerializer
    filterset_class = JurisdictionFilterSet
    csv_filename = "jurisdictions"
    csv_columns = [
        ("code", lambda j: j.code),
        ("name", lambda j: j.name),
        ("kind", lambda j: j.kind),
        ("members", lambda j: [member.code for member in j.members.all()]),
        ("blocs", lambda j: [bloc.code for bloc in j.blocs.all()]),
    ]

    def get_queryset(self):
        return jurisdiction_list()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return JurisdictionDetailSerializer
        return JurisdictionSerializer
