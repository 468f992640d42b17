"""The synthetic catalogue for benchmarks: proportions, determinism, constraints, clean removal."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import Count

from benchmarks.synthetic import (
    BODY_PREFIX,
    REFERENCE_PREFIX,
    SLUG_PREFIX,
    SyntheticDataError,
    synthetic_catalogue_clear,
    synthetic_catalogue_generate,
    synthetic_catalogue_seed,
    synthetic_standards,
)
from catalogue.models import NationalAdoption, Standard, StandardRelation, StandardsBody
from catalogue.stages import STAGE_CODES
from core.models import ReviewState
from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
from policies.models import PolicyInstrument, Provision

pytestmark = pytest.mark.django_db

LINK_MODELS = [StandardObjectiveLink, StandardLifecycleLink, StandardProvisionLink]


def snapshot() -> dict:
    """The synthetic catalogue by natural keys (database ids differ from run to run)."""
    return {
        "standards": sorted(
            synthetic_standards().values_list(
                "reference", "title", "stage_code", "committee__code", "series__code"
            )
        ),
        "objective_links": sorted(
            StandardObjectiveLink.objects.filter(
                standard__reference__startswith=REFERENCE_PREFIX
            ).values_list("standard__reference", "objective__code", "relationship", "review_state")
        ),
        "provision_links": sorted(
            StandardProvisionLink.objects.filter(
                standard__reference__startswith=REFERENCE_PREFIX
            ).values_list(
                "standard__reference",
                "instrument__slug",
                "provision__ref",
                "relationship",
                "review_state",
            ),
            key=str,
        ),
        "adoptions": sorted(
            NationalAdoption.objects.filter(body__acronym__startswith=BODY_PREFIX).values_list(
                "body__acronym", "designation", "degree", "status"
            )
        ),
        "relations": sorted(
            StandardRelation.objects.filter(
                from_standard__reference__startswith=REFERENCE_PREFIX
            ).values_list("from_standard__reference", "kind", "to_standard__reference")
        ),
    }


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"catalogue", "policies", "mappings"}
    }


def test_catalogue_size_is_proportional_to_the_number_of_standards():
    report = synthetic_catalogue_generate(standards=200, seed=3)

    assert synthetic_standards().count() == 200
    assert report.created["standards"] == 200
    assert PolicyInstrument.objects.filter(slug__startswith=SLUG_PREFIX).count() == 10
    provisions = Provision.objects.filter(instrument__slug__startswith=SLUG_PREFIX).count()
    assert 30 <= provisions <= 120
    adoptions = NationalAdoption.objects.filter(standard__reference__startswith=REFERENCE_PREFIX)
    assert adoptions.count() == 40
    approved = sum(
        model.objects.approved().filter(standard__reference__startswith=REFERENCE_PREFIX).count()
        for model in LINK_MODELS
    )
    assert 1_400 <= approved <= 2_800  # about ten per standard
    states = set(
        StandardProvisionLink.objects.filter(
            standard__reference__startswith=REFERENCE_PREFIX
        ).values_list("review_state", flat=True)
    )
    assert {ReviewState.APPROVED, ReviewState.PROPOSED, ReviewState.REJECTED} <= states


def test_a_few_objectives_hold_most_links():
    synthetic_catalogue_generate(standards=300, seed=5)

    counts = sorted(
        StandardObjectiveLink.objects.approved()
        .filter(standard__reference__startswith=REFERENCE_PREFIX)
        .values("objective")
        .annotate(n=Count("id"))
        .values_list("n", flat=True),
        reverse=True,
    )
    assert sum(counts[:3]) > 0.6 * sum(counts)
    assert counts[0] > 4 * counts[-1]


def test_every_synthetic_row_is_marked():
    synthetic_catalogue_generate(standards=60, seed=1)

    standards = synthetic_standards()
    assert standards.count() == 60
    assert not standards.exclude(slug__startswith=SLUG_PREFIX).exists()
    assert not standards.exclude(source__icontains="synthetic").exists()
    assert not StandardsBody.objects.filter(
        adoptions__standard__reference__startswith=REFERENCE_PREFIX
    ).exclude(acronym__startswith=BODY_PREFIX)
    linked = StandardProvisionLink.objects.filter(standard__reference__startswith=REFERENCE_PREFIX)
    assert not linked.exclude(instrument__slug__startswith=SLUG_PREFIX).exists()


def test_same_seed_gives_the_same_catalogue_and_another_seed_another():
    synthetic_catalogue_generate(standards=50, seed=7)
    first = snapshot()
    synthetic_catalogue_clear()
    synthetic_catalogue_generate(standards=50, seed=7)
    second = snapshot()
    synthetic_catalogue_clear()
    synthetic_catalogue_generate(standards=50, seed=8)
    other = snapshot()

    assert first == second
    assert first["standards"] != other["standards"]


def test_rows_pass_model_validation_and_links_are_consistent():
    synthetic_catalogue_generate(standards=80, seed=2)

    standards = synthetic_standards()
    assert set(standards.values_list("stage_code", flat=True)) <= set(STAGE_CODES)
    for standard in standards.order_by("id")[:40]:
        standard.full_clean()
    for model in LINK_MODELS:
        for link in model.objects.filter(standard__in=standards).order_by("id")[:40]:
            link.full_clean()
    links = StandardProvisionLink.objects.filter(
        standard__in=standards, provision__isnull=False
    ).select_related("provision")
    assert links.exists()
    assert all(link.provision.instrument_id == link.instrument_id for link in links)
    for adoption in NationalAdoption.objects.filter(standard__in=standards)[:20]:
        adoption.full_clean()


def test_clear_removes_only_synthetic_rows():
    before = row_counts()
    synthetic_catalogue_generate(standards=50, seed=4)
    assert row_counts() != before

    synthetic_catalogue_clear()

    assert row_counts() == before
    assert Standard.objects.filter(reference__startswith="ISO").exists()


def test_the_seed_of_a_loaded_catalogue_can_be_read_back():
    assert synthetic_catalogue_seed() is None
    synthetic_catalogue_generate(standards=10, seed=42)

    assert synthetic_catalogue_seed() == 42


def test_generator_refuses_to_add_a_second_synthetic_catalogue():
    synthetic_catalogue_generate(standards=10, seed=1)

    with pytest.raises(SyntheticDataError):
        synthetic_catalogue_generate(standards=10, seed=2)


def test_command_replaces_the_synthetic_catalogue_with_clear(capsys):
    call_command("generate_synthetic_catalogue", standards=20, seed=1)
    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_synthetic_catalogue", standards=20, seed=1)

    call_command("generate_synthetic_catalogue", standards=30, seed=1, clear=True)
    assert synthetic_standards().count() == 30

    call_command("generate_synthetic_catalogue", clear=True)
    assert not synthetic_standards().exists()
    assert "Deleted" in capsys.readouterr().out
