"""The admin NSB staff curate in: one module per app whose rows it edits; technical models
for superusers only."""

from curation.admin import (  # noqa: F401  (registers the admins)
    addresses,
    catalogue,
    mappings,
    policies,
    technical,
)
