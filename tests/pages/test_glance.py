"""Pages that answer at a glance (issue 16): picker, empty state, glossary, sources, docs."""

import gzip
import json

import pytest
from django.http import QueryDict

from discovery.browse.sources import source_links, source_parts
from discovery.facets import standard_search
from tests.factories import PolicyInstrumentFactory, ProvisionFactory, ProvisionLinkFactory

pytestmark = pytest.mark.django_db


def jurisdiction_facet(query: str = ""):
    search = standard_search(QueryDict(query))
    return next(facet for facet in search.facets if facet.name == "jurisdiction")


def test_picker_lists_blocs_then_countries_and_the_empty_ones_last(reference_catalogue):
    groups = jurisdiction_facet().groups
    labels = [group.label for group in groups]
    assert labels[0] == "Blocs" and labels[1] == "Countries"
    assert labels[-1] == "No standard applies there yet"
    for group in groups[:-1]:
        assert all(option.count > 0 for option in group.options)
        names = [option.label.casefold() for option in group.options]
        assert names == sorted(names)
    assert all(option.count == 0 for option in groups[-1].options)


def test_a_chosen_jurisdiction_stays_in_its_group_even_with_no_count(reference_catalogue):
    groups = jurisdiction_facet("jurisdiction=JP&objective=4.1").groups
    countries = next(group for group in groups if group.label == "Countries")
    assert any(option.value == "JP" and option.selected for option in countries.options)


def test_bloc_codes_that_are_no_abbreviation_show_by_name(client, reference_catalogue):
    html = client.get("/standards/").content.decode()
    assert ">African Union — " in html
    assert "AFRICAN_UNION)" not in html


def test_empty_result_in_a_jurisdiction_explains_applies_here(client, reference_catalogue):
    search = standard_search(QueryDict("jurisdiction=JP&objective=4.1"))
    assert search.page.paginator.count == 0, "the reference data changed: pick another pair"
    html = client.get("/standards/?jurisdiction=JP&objective=4.1").content.decode()
    assert "International standards are not absent from Japan (JP)" in html
    anywhere = search.without_jurisdiction
    assert anywhere.query == "objective=4.1" and anywhere.count > 0
    assert f'href="?{anywhere.query}"' in html


def test_glossary_explains_the_vocabularies_and_abbreviations(client, reference_catalogue):
    response = client.get("/glossary/")
    assert response.status_code == 200
    html = response.content.decode()
    for term in ("<dfn>IDT</dfn>", "<dfn>MOD</dfn>", "<dfn>NEQ</dfn>", "<dfn>60</dfn>"):
        assert term in html
    assert "intersects with (NIST IR 8477)" in html
    assert "<dfn>EU AI Act</dfn>" in html and "<dfn>BSI</dfn>" in html
    assert "<dfn>African Union</dfn>" in html


def test_words_are_explained_where_they_appear(client, reference_catalogue):
    html = client.get("/standards/iso-iec-42001-2023/").content.decode()
    assert '<abbr class="term" title="Confirmed by a source' in html
    assert 'title="NIST IR 8477' in html or 'title="Applying the standard helps' in html
    listing = client.get("/standards/").content.decode()
    assert '<abbr class="term" title="International Standard:' in listing


def test_sources_become_short_links_named_by_their_site():
    parts = source_parts(
        "ISO policy brief section 3.2; https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=X"
    )
    assert [(part.text, part.is_link) for part in parts] == [
        ("ISO policy brief section 3.2", False),
        ("eur-lex.europa.eu", True),
    ]
    assert len(source_links("a; https://www.b.org/x", "https://www.b.org/x; a")) == 2


def test_instrument_page_folds_provisions_without_standards_and_lists_sources_once(client):
    instrument = PolicyInstrumentFactory(
        slug="test-fold-act", source="Brief; https://example.org/act/very/long/address"
    )
    linked = ProvisionFactory(instrument=instrument, ref="Art. 1", source="https://example.org/p")
    ProvisionLinkFactory(provision=linked)
    for number in range(2, 5):
        ProvisionFactory(
            instrument=instrument, ref=f"Art. {number}", source="https://example.org/p"
        )
    html = client.get("/instruments/test-fold-act/").content.decode()
    assert "3 more provisions without linked standards" in html
    assert html.index('id="provision-') < html.index("<details")
    assert 'href="#provision-' in html  # the table of contents
    assert html.count(">example.org</a>") == 2  # the act's and the provisions' source, once each
    assert "very/long/address</a>" not in html


def test_related_instruments_include_renders_only_when_there_are_some(client):
    PolicyInstrumentFactory(slug="test-alone-act")
    assert "Related instruments" not in client.get("/instruments/test-alone-act/").content.decode()


def test_schema_is_gzipped_cached_and_public_operations_have_no_lock(client, reference_catalogue):
    response = client.get("/api/schema/?format=json", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    schema = json.loads(gzip.decompress(response.content))
    again = client.get(
        "/api/schema/?format=json", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get":
                assert operation.get("security", []) in ([], [{}]), path
    writes = [op for ops in schema["paths"].values() for m, op in ops.items() if m != "get"]
    assert any(op.get("security") for op in writes)
    assert "matched_because" in json.dumps(schema["components"]["schemas"]["StandardList"])


def test_coverage_matrix_by_jurisdiction_has_a_scroll_cue(client, reference_catalogue):
    html = client.get("/coverage/").content.decode()
    assert 'class="scroll-cue"' in html and "scroll the table sideways" in html
    assert 'class="table-wrap table-wrap--scroll" tabindex="0" role="region"' in html
