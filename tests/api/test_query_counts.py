"""Each endpoint runs a fixed number of queries whatever the page size and catalogue size.

Counted with 1 and with 30 factory standards, each with an objective, a life-cycle stage,
an instrument provision, a national adoption, a relation and a series, on top of the
reference catalogue; the counts must be equal and are pinned.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import StandardRelation
from tests.factories import (
    AdoptionFactory,
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
    StandardsBodyFactory,
)

pytestmark = pytest.mark.django_db


def build(count: int) -> dict:
    """``count`` standards sharing one objective, stage, instrument, body and series."""
    objective = ObjectiveFactory(code="4.2")
    stage = LifecycleStageFactory()
    country = JurisdictionFactory()
    instrument = PolicyInstrumentFactory(jurisdiction=country)
    provisions = ProvisionFactory.create_batch(3, instrument=instrument)
    body = StandardsBodyFactory(country=country)
    series = SeriesFactory()
    previous = None
    for index in range(count):
        standard = StandardFactory(series=series, part=str(index + 1))
        ObjectiveLinkFactory(standard=standard, objective=objective)
        LifecycleLinkFactory(standard=standard, stage=stage)
        ProvisionLinkFactory(standard=standard, provision=provisions[index % 3])
        AdoptionFactory(standard=standard, body=body)
        if previous:
            StandardRelation.objects.create(
                from_standard=standard, to_standard=previous, kind="replaces"
            )
        previous = standard
    return {
        "standard": previous.slug,
        "stage": stage.slug,
        "country": country.code,
        "instrument": instrument.slug,
    }


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


ENDPOINTS = [
    # (url template, pinned count), with a cold cache. Lists: the catalogue version (which
    # keys every cached count), count + page ids + rows + links; with a warm cache the
    # count is not run again.
    ("/api/v1/standards/?page_size=200", 7),
    # + the reasons (matched_because): a fixed number of queries per active filter
    ("/api/v1/standards/?objective=4.2&lifecycle_stage={stage}&page_size=200", 11),
    ("/api/v1/standards/?jurisdiction={country}&instrument={instrument}&page_size=200", 19),
    ("/api/v1/standards/?format=csv", 5),
    ("/api/v1/standards/{standard}/", 8),
    ("/api/v1/objectives/", 3),
    ("/api/v1/objectives/4.2/", 1),
    ("/api/v1/instruments/?page_size=200", 3),
    ("/api/v1/instruments/?jurisdiction={country}&kind=regulation", 7),
    ("/api/v1/instruments/{instrument}/", 8),
    ("/api/v1/jurisdictions/?page_size=200", 5),
    ("/api/v1/jurisdictions/{country}/", 4),
    ("/api/v1/lifecycle-stages/", 3),
    ("/api/v1/committees/?page_size=200", 3),
    ("/api/v1/mappings/?page_size=200", 3),
    ("/api/v1/mappings/?source={standard}&target=objective:4.2&confidence=high", 8),
    ("/api/v1/mappings/?format=csv", 2),
    ("/api/v1/adoptions/?page_size=200", 3),
    ("/api/v1/adoptions/?country={country}&format=csv", 3),
    # Crosswalks: the links (one UNION), the catalogue version and its change time, the
    # instruments and their linked provisions; + one per filter's allowed values. The CSV
    # streams the links under a weak ETag of the version. The list of exports reads nothing.
    ("/api/v1/crosswalks/", 0),
    ("/api/v1/crosswalks/oscal/", 5),
    ("/api/v1/crosswalks/oscal/?instrument={instrument}&objective=4.2&standard={standard}", 8),
    ("/api/v1/crosswalks/olir/?instrument={instrument}&bom=1", 5),
]


@pytest.mark.parametrize(("template", "pinned"), ENDPOINTS)
def test_query_count_does_not_grow_with_the_catalogue(client, template, pinned):
    small = count_queries(client, template.format(**build(1)))
    large = count_queries(client, template.format(**build(30)))
    assert small == large == pinned
