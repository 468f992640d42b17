"""The staff roles and what each may do.

Curators add and edit catalogue and policy entries and propose mappings; reviewers approve,
reject and withdraw mappings and new entries (standards, instruments, provisions), never
their own. National adoptions are further limited to the curators of the
adopting standards body (see ``catalogue.services.adoption_can_edit``).
"""

CURATOR = "Curator"
REVIEWER = "Reviewer"

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
        "mappings": [
            "add_standardobjectivelink",
            "view_standardobjectivelink",
            "add_standardprovisionlink",
            "view_standardprovisionlink",
            "add_standardlifecyclelink",
            "view_standardlifecyclelink",
        ],
    },
    REVIEWER: {
        "catalogue": [
            "view_standard",
            "review_standard",
            "view_series",
            "view_committee",
            "view_lifecyclestage",
        ],
        "policies": [
            "view_policyinstrument",
            "review_policyinstrument",
            "view_provision",
            "review_provision",
            "view_objective",
        ],
        "mappings": [
            "view_standardobjectivelink",
            "change_standardobjectivelink",
            "review_standardobjectivelink",
            "view_standardprovisionlink",
            "change_standardprovisionlink",
            "review_standardprovisionlink",
            "view_standardlifecyclelink",
            "change_standardlifecyclelink",
            "review_standardlifecyclelink",
        ],
    },
}

ROLES = {"curator": CURATOR, "reviewer": REVIEWER}
