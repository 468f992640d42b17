"""The admin NSB staff curate in: one module per app whose rows it edits."""

from curation.admin import addresses, catalogue, mappings, policies  # noqa: F401  (registers the admins)
