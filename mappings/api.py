"""Read API for mappings: approved links only; nothing proposed or rejected is listed."""

from core.api import CatalogueListViewSet
from mappings.filters import MappingFilterSet
from mappings.selectors import mapping_rows
from mappings.serializers import MappingSerializer


class MappingViewSet(CatalogueListViewSet):
    """Every approved link from a standard to an objective, an instrument or one of its
    provisions, or a life-cycle stage, with its relationship, confidence and provenance."""

    serializer_class = MappingSerializer
    filterset_class = MappingFilterSet
    csv_filename = "mappings"
    csv_columns = [
        ("id", lambda r: f"{r['link_kind']}-{r['link_id']}"),
        ("source_reference", lambda r: r["standard_reference"]),
        ("source_slug", lambda r: r["standard_slug"]),
        ("target", lambda r: f"{r['target_type']}:{r['target_key']}"),
        ("target_type", lambda r: r["target_type"]),
        ("target_label", lambda r: r["target_label"]),
        ("relationship", lambda r: r["link_relationship"]),
        ("confidence", lambda r: r["link_confidence"]),
        ("provenance_source", lambda r: r["link_source"]),
        ("provenance_locator", lambda r: r["link_locator"]),
        ("provenance_rationale", lambda r: r["link_rationale"]),
        ("recorded_at", lambda r: r["link_recorded_at"]),
        ("updated_at", lambda r: r["link_updated_at"]),
    ]

    def get_queryset(self):
        # Names the model for the filter backend and the schema; MappingFilterSet reads the
        # rows from mapping_rows() (approved links of every kind).
        return mapping_rows()
