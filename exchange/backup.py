"""What export_catalogue writes and import_catalogue reads, in load order.

Staff accounts use natural keys for groups and permissions (their ids differ between
databases); catalogue rows and their history keep their ids, so that history records keep
pointing at their rows, deleted ones included. XML, because Django's JSON serializer cuts
timestamps to milliseconds and the round trip must be exact.
"""

BACKUP_PARTS = [
    ("accounts", ["auth.user"], True),
    ("policies", ["policies"], False),
    ("catalogue", ["catalogue"], False),
    ("mappings", ["mappings"], False),
]
