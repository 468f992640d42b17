import factory
from django.contrib.auth.models import Group, User

from catalogue.models import (
    Committee,
    LifecycleStage,
    NationalAdoption,
    Series,
    Standard,
    StandardsBody,
)
from core.text import reference_sort_key
from mappings.models import (
    ReviewState,
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from policies.models import Jurisdiction, Objective, PolicyInstrument, Provision


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"TEST/TC {900 + n}")
    slug = factory.Sequence(lambda n: f"test-tc-{900 + n}")
    title = factory.Faker("sentence", nb_words=4)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    code = factory.Sequence(lambda n: f"TEST/IEC {80000 + n}")
    slug = factory.Sequence(lambda n: f"test-iec-{80000 + n}")
    title = factory.Faker("sentence", nb_words=5)


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    number = factory.Sequence(lambda n: str(90000 + n))
    year = 2024
    reference = factory.LazyAttribute(lambda o: f"TEST/IEC {o.number}:{o.year}")
    sort_key = factory.LazyAttribute(lambda o: reference_sort_key(o.reference))
    slug = factory.LazyAttribute(lambda o: f"test-iec-{o.number}-{o.year}")
    deliverable_type = Standard.DeliverableType.IS
    title = factory.Faker("sentence", nb_words=6)
    summary = factory.Faker("paragraph")
    committee = factory.SubFactory(CommitteeFactory)
    stage_code = "60.60"
    edition = 1


class JurisdictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jurisdiction
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"Q{n:02d}"[:8])
    name = factory.Faker("country")
    kind = Jurisdiction.Kind.COUNTRY


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective
        django_get_or_create = ["code"]

    code = "4.1"
    title = factory.Faker("sentence", nb_words=4)


class LifecycleStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifecycleStage
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"test-stage-{n}")
    name = factory.Faker("word")
    order = factory.Sequence(lambda n: 100 + n)


class PolicyInstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyInstrument

    slug = factory.Sequence(lambda n: f"test-instrument-{n}")
    name = factory.Faker("sentence", nb_words=5)
    short_name = factory.Sequence(lambda n: f"Test instrument {n}")
    jurisdiction = factory.SubFactory(JurisdictionFactory)
    kind = PolicyInstrument.Kind.REGULATION
    binding = True
    year = 2024


class ProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provision

    instrument = factory.SubFactory(PolicyInstrumentFactory)
    ref = factory.Sequence(lambda n: f"Article {n + 1}")
    slug = factory.Sequence(lambda n: f"article-{n + 1}")
    title = factory.Faker("sentence", nb_words=4)
    order = factory.Sequence(lambda n: n)


class ObjectiveLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardObjectiveLink

    standard = factory.SubFactory(StandardFactory)
    objective = factory.SubFactory(ObjectiveFactory)
    relationship = StandardObjectiveLink.Relationship.SUPPORTS
    source = "Test source"
    locator = "section 4.1"
    confidence = "high"
    review_state = ReviewState.APPROVED


class ProvisionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardProvisionLink

    standard = factory.SubFactory(StandardFactory)
    provision = factory.SubFactory(ProvisionFactory)
    instrument = factory.LazyAttribute(lambda o: o.provision.instrument)
    relationship = StandardProvisionLink.Relationship.SUPPORTS_COMPLIANCE_WITH
    source = "Test source"
    confidence = "medium"
    review_state = ReviewState.APPROVED


class LifecycleLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardLifecycleLink

    standard = factory.SubFactory(StandardFactory)
    stage = factory.SubFactory(LifecycleStageFactory)
    source = "Test judgement"
    confidence = "medium"
    review_state = ReviewState.APPROVED


class StandardsBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardsBody
        django_get_or_create = ["acronym"]

    acronym = factory.Sequence(lambda n: f"TESTB{n}")
    slug = factory.Sequence(lambda n: f"testb{n}")
    name = factory.Faker("company")
    country = factory.SubFactory(JurisdictionFactory)


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalAdoption

    standard = factory.SubFactory(StandardFactory)
    body = factory.SubFactory(StandardsBodyFactory)
    designation = factory.Sequence(lambda n: f"TEST-NAT {n}")
    degree = NationalAdoption.Degree.IDT
    source = "Test source"


def make_user(username: str, *roles: str) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.groups.set(Group.objects.filter(name__in=roles))
    return User.objects.get(pk=user.pk)  # fresh permission cache
