"""A small world of factory rows that grows on demand, for query-count tests: every page must
run as many queries with one row of each kind as with twenty."""

import dataclasses

from catalogue.models import NationalAdoption, StandardRelation, StandardsBody
from policies.models import BlocMembership
from tests.factories import (
    CommitteeFactory,
    JurisdictionFactory,
    LifecycleLinkFactory,
    LifecycleStageFactory,
    ObjectiveFactory,
    ObjectiveLinkFactory,
    PolicyInstrumentFactory,
    ProvisionFactory,
    ProvisionLinkFactory,
    SeriesFactory,
    StandardFactory,
)

COMMITTEE_SLUG = "test-tc-qc"
JURISDICTION = "QC"
BLOC = "QB"
OBJECTIVE = "4.1"
STAGE = "test-stage-qc"


@dataclasses.dataclass
class World:
    """One committee, jurisdiction (in a bloc), instrument and target standard; ``grow(n)``
    adds n standards, provisions, instruments, adoptions, relations and subcommittees."""

    size: int = 0

    def __post_init__(self):
        self.committee = CommitteeFactory(code="TEST/TC QC", slug=COMMITTEE_SLUG)
        self.jurisdiction = JurisdictionFactory(code=JURISDICTION, name="Testland")
        bloc = JurisdictionFactory(code=BLOC, name="Test bloc", kind="bloc")
        BlocMembership.objects.create(bloc=bloc, member=self.jurisdiction)
        self.instrument = PolicyInstrumentFactory(
            slug="test-qc-act", jurisdiction=self.jurisdiction
        )
        self.body = StandardsBody.objects.create(
            acronym="TQC", slug="tqc", name="Test body", country=self.jurisdiction
        )
        self.objective = ObjectiveFactory(code=OBJECTIVE)
        self.stage = LifecycleStageFactory(slug=STAGE, name="Test stage")
        self.target = StandardFactory(
            committee=self.committee, series=SeriesFactory(), slug="test-qc-target"
        )
        ObjectiveLinkFactory(standard=self.target, objective=self.objective)

    def grow(self, count: int) -> "World":
        for _ in range(count):
            self.size += 1
            standard = StandardFactory(committee=self.committee, series=self.target.series)
            ObjectiveLinkFactory(standard=standard, objective=self.objective)
            LifecycleLinkFactory(standard=standard, stage=self.stage)
            provision = ProvisionFactory(instrument=self.instrument)
            ProvisionLinkFactory(standard=standard, provision=provision)
            ProvisionLinkFactory(standard=self.target, provision=provision)
            NationalAdoption.objects.create(
                standard=self.target, body=self.body, designation=f"TQC {self.size}", degree="IDT"
            )
            StandardRelation.objects.create(
                from_standard=standard, to_standard=self.target, kind="replaces"
            )
            other = PolicyInstrumentFactory(jurisdiction=self.jurisdiction)
            ProvisionLinkFactory(standard=standard, provision=ProvisionFactory(instrument=other))
            CommitteeFactory(parent=self.committee)
            JurisdictionFactory()
        return self
