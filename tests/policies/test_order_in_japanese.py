"""Lists keep one order in every language and on both databases.

modeltranslation reads ``order_by("name")`` as the active language's column; a Japanese name
may be missing, and SQLite sorts a missing one first where PostgreSQL sorts it last. Rows with
a Japanese text of their own sort by the English name, the same everywhere.
"""

from django.utils import translation

from catalogue.models import Sector
from discovery.policy_selectors import instrument_list_with_counts
from policies.models import Institution, PolicyInstrument


def _orders(queryset_of):
    with translation.override("en"):
        english = list(queryset_of().values_list("pk", flat=True))
    with translation.override("ja"):
        japanese = list(queryset_of().values_list("pk", flat=True))
    return english, japanese


def test_instruments_institutions_and_sectors_sort_alike_in_both_languages(reference_catalogue):
    assert PolicyInstrument.objects.exclude(name_ja=None).exclude(name_ja="").exists()
    assert PolicyInstrument.objects.filter(name_ja=None).exists() or (
        PolicyInstrument.objects.filter(name_ja="").exists()
    )
    for queryset_of in (
        PolicyInstrument.objects.all,
        Institution.objects.all,
        Sector.objects.all,
        instrument_list_with_counts,
    ):
        english, japanese = _orders(queryset_of)
        assert english == japanese, queryset_of
