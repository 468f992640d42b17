"""The staff roles (groups created by a migration; their permissions: ``mappings.roles``).

Curators add and edit catalogue and policy entries and propose mappings; reviewers approve,
reject and withdraw mappings. National adoptions are further limited to the curators of the
adopting standards body (see ``catalogue.services.adoption_can_edit``).
"""

CURATOR = "Curator"
REVIEWER = "Reviewer"
