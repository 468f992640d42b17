"""What each staff role may do, by app: the permissions the roles migration gives the groups.

The mappings part comes from the registry of link kinds: curators propose and see every kind
of link, reviewers also change (review) them.
"""

from core.roles import CURATOR, REVIEWER
from mappings.kinds import LINK_KINDS


def _link_permissions(*actions: str) -> list[str]:
    return [f"{action}_{kind.model._meta.model_name}" for kind in LINK_KINDS for action in actions]


ROLE_PERMISSIONS = {
    CURATOR: {
        "catalogue": [
            "add_standard",
            "change_standard",
            "view_standard",
            "add_series",
            "change_series",
            "view_series",
            "add_committee",
            "change_committee",
            "view_committee",
            "add_standardrelation",
            "change_standardrelation",
            "view_standardrelation",
            "add_nationaladoption",
            "change_nationaladoption",
            "view_nationaladoption",
            "view_standardsbody",
            "view_sector",
            "view_lifecyclestage",
        ],
        "policies": [
            "add_policyinstrument",
            "change_policyinstrument",
            "view_policyinstrument",
            "add_provision",
            "change_provision",
            "view_provision",
            "add_institution",
            "change_institution",
            "view_institution",
            "view_jurisdiction",
            "view_blocmembership",
            "view_objective",
        ],
        "mappings": _link_permissions("add", "view"),
    },
    REVIEWER: {
        "catalogue": ["view_standard", "view_series", "view_committee", "view_lifecyclestage"],
        "policies": ["view_policyinstrument", "view_provision", "view_objective"],
        "mappings": _link_permissions("view", "change", "review"),
    },
}
