"""The list page's long facets stay short at scale (issue 7)."""

from discovery.facets import LONG_FACET_OPTIONS, Facet, Option, _shortened


def test_a_long_facet_keeps_the_values_that_lead_furthest_and_the_chosen_ones():
    options = [
        Option(f"v{index:03d}", f"Value {index}", count=index, selected=index == 3)
        for index in range(LONG_FACET_OPTIONS + 40)
    ]

    shortened = _shortened(Facet("instrument", "Instrument", options))

    values = [option.value for option in shortened.options]
    assert len(values) == LONG_FACET_OPTIONS
    assert "v003" in values  # chosen, though it leads to few
    assert "v099" in values and "v041" in values and "v040" not in values
    assert values == sorted(values)  # the usual order


def test_a_short_facet_is_left_as_it_is():
    options = [Option("a", "A", 0, False), Option("b", "B", 5, True)]
    facet = Facet("objective", "Objective", options)

    assert _shortened(facet) is facet
