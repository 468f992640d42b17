"""The standards filter: one FilterSet shared by the API, the pages and the CSV export.

Semantics (README, "API"; the jurisdiction rule is ``discovery.applies_in``):

- Values of one parameter are OR-ed (``objective=4.2&objective=4.3``); different parameters
  are AND-ed.
- ``objective``, ``lifecycle_stage`` and ``instrument`` follow approved links only.
- ``jurisdiction=DE`` keeps standards linked to an instrument of DE, of a bloc DE belongs to,
  or of ``INT``, plus standards with a national adoption (IDT or MOD, current) by a body of
  those jurisdictions; ``jurisdiction_scope=exact`` keeps DE's own instruments and adoptions.
- Unknown values are errors that name the parameter and the allowed values.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import (
    Committee,
    DeliverableType,
    LifecycleStage,
    NationalAdoption,
    Sector,
    Standard,
    StandardsBody,
)
from catalogue.stages import Status, stage_codes_for
from core.filters import (
    BoundedCharFilter,
    CodeFilter,
    CodeListFilter,
    NamedMultipleChoiceField,
    NamedOrderingFilter,
    once,
)
from discovery.applies_in import Scope, applies_in
from mappings.models import (
    StandardLifecycleLink,
    StandardObjectiveLink,
    StandardProvisionLink,
)
from policies.models import Jurisdiction, Objective, PolicyInstrument

Q_MAX_LENGTH = 200


def objective_choices():
    return [
        (code, f"{code} {title}") for code, title in Objective.objects.values_list("code", "title")
    ]


def jurisdiction_label(code: str, name: str) -> str:
    """“Germany (DE)”; a code that is not an abbreviation (``AFRICAN_UNION``) is left out."""
    return name if "_" in code else f"{name} ({code})"


def jurisdiction_choices():
    return [
        (code, jurisdiction_label(code, name))
        for code, name in Jurisdiction.objects.order_by("code").values_list("code", "name")
    ]


def lifecycle_stage_choices():
    return list(LifecycleStage.objects.order_by("order").values_list("slug", "name"))


def committee_choices():
    return list(Committee.objects.order_by("code").values_list("slug", "code"))


def sector_choices():
    return list(Sector.objects.order_by("slug").values_list("slug", "name"))


def instrument_choices():
    return [
        (slug, short_name or name)
        for slug, short_name, name in PolicyInstrument.objects.public()
        .order_by("slug")
        .values_list("slug", "short_name", "name")
    ]


class BoundedIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date-time that can be compared in UTC (year 1 and 9999 with an offset
    cannot: the database adapter would overflow)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is not None:
            try:
                parsed.astimezone(datetime.UTC)
            except OverflowError as error:
                raise ValidationError(
                    _("'%(value)s' is out of range."), code="invalid", params={"value": value}
                ) from error
        return parsed


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class StandardFilterSet(django_filters.FilterSet):
    objective = CodeListFilter(label=_("Objective"), noun="objective", method="filter_objective")
    jurisdiction = CodeFilter(label=_("Jurisdiction"), noun="jurisdiction", method="filter_noop")
    jurisdiction_scope = CodeFilter(
        label=_("Jurisdiction scope"),
        noun="jurisdiction scope",
        choices=Scope.CHOICES,
        method="filter_noop",
    )
    lifecycle_stage = CodeListFilter(
        label=_("Life-cycle stage"), noun="life-cycle stage", method="filter_lifecycle_stage"
    )
    committee = CodeListFilter(label=_("Committee"), noun="committee", method="filter_committee")
    deliverable_type = CodeListFilter(
        label=_("Deliverable type"),
        noun="deliverable type",
        choices=DeliverableType.choices,
        field_name="deliverable_type",
        lookup_expr="in",
        method="filter_in",
    )
    status = CodeListFilter(
        label=_("Status"), noun="status", choices=Status.choices, method="filter_status"
    )
    sector = CodeListFilter(label=_("Sector"), noun="sector", method="filter_sector")
    instrument = CodeListFilter(
        label=_("Instrument"), noun="instrument", method="filter_instrument"
    )
    q = BoundedCharFilter(label=_("Search"), max_length=Q_MAX_LENGTH, method="filter_q")
    updated_since = BoundedIsoDateTimeFilter(
        label=_("Updated since"), field_name="updated_at", lookup_expr="gte"
    )
    ordering = NamedOrderingFilter(
        label=_("Order by"),
        # "reference" is the natural order (core.text.reference_sort_key): 5259-1 < 42001.
        fields=[("sort_key", "reference"), ("year", "year"), ("updated_at", "updated")],
        field_labels={
            "sort_key": _("Reference"),
            "year": _("Year"),
            "updated_at": _("Last updated"),
        },
    )

    class Meta:
        model = Standard
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dynamic = {
            "objective": objective_choices,
            "jurisdiction": jurisdiction_choices,
            "lifecycle_stage": lifecycle_stage_choices,
            "committee": committee_choices,
            "sector": sector_choices,
            "instrument": instrument_choices,
        }
        for name, choices in dynamic.items():
            self.filters[name].extra["choices"] = once(choices)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        code = self.form.cleaned_data.get("jurisdiction")
        if code:
            scope = self.form.cleaned_data.get("jurisdiction_scope") or Scope.INHERITED
            queryset = queryset.filter(applies_in(code, scope))
        return queryset

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_in(self, queryset, name, value):
        return queryset.filter(**{f"{name}__in": value}) if value else queryset

    def filter_objective(self, queryset, name, value):
        return _with_approved_link(queryset, StandardObjectiveLink, objective__code__in=value)

    def filter_lifecycle_stage(self, queryset, name, value):
        return _with_approved_link(queryset, StandardLifecycleLink, stage__slug__in=value)

    def filter_instrument(self, queryset, name, value):
        return _with_approved_link(queryset, StandardProvisionLink, instrument__slug__in=value)

    def filter_committee(self, queryset, name, value):
        """Keep standards of these committees or of their subcommittees and working groups."""
        if not value:
            return queryset
        return queryset.filter(
            Q(committee__slug__in=value)
            | Q(committee__parent__slug__in=value)
            | Q(committee__parent__parent__slug__in=value)
        )

    def filter_sector(self, queryset, name, value):
        if not value:
            return queryset
        committees = Committee.objects.filter(
            Q(sectors__slug__in=value) | Q(parent__sectors__slug__in=value)
        ).values("pk")
        return queryset.filter(committee__in=committees)

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        codes = [code for status in value for code in stage_codes_for(status) if code]
        condition = Q(stage_code__in=codes) | Q(stage_code="", stated_status__in=value)
        if Status.UNKNOWN in value:
            condition |= Q(stage_code="", stated_status="")
        return queryset.filter(condition)

    def filter_q(self, queryset, name, value):
        """Search the reference (and its printed forms), the title in English and in Japanese,
        and our summary, whatever the language of the answer."""
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for word in value.split():
            condition &= (
                Q(reference__icontains=word)
                | Q(aliases__icontains=word)
                | Q(title_en__icontains=word)
                | Q(title_ja__icontains=word)
                | Q(summary__icontains=word)
            )
        return queryset.filter(condition)


def _with_approved_link(queryset, link_model, **target):
    """Keep standards with a public link of ``link_model`` to one of the targets."""
    if not next(iter(target.values())):
        return queryset
    links = link_model.objects.public().filter(standard=OuterRef("pk"), **target)
    return queryset.filter(Exists(links))


def standard_slug_choices():
    return list(Standard.objects.public().order_by("slug").values_list("slug", "reference"))


def standards_body_choices():
    return list(StandardsBody.objects.order_by("slug").values_list("slug", "acronym"))


class StandardSlugListField(NamedMultipleChoiceField):
    """Slugs of catalogued standards; the error points at the list instead of quoting it."""

    def validate(self, value):
        try:
            forms.MultipleChoiceField.validate(self, value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            message = _(
                "Unknown standard '%(value)s'. Allowed: the slug of a catalogued standard, "
                "e.g. iso-iec-42001-2023."
            )
            raise ValidationError(
                message, code="invalid_choice", params={"value": error.params["value"]}
            ) from error


class StandardSlugFilter(CodeListFilter):
    """One or more standards by slug, OR-ed; an unknown slug is an error."""

    field_class = StandardSlugListField


class AdoptionFilterSet(django_filters.FilterSet):
    """National adoptions by standard, country, standards body, degree and status."""

    standard = StandardSlugFilter(label=_("Standard"), noun="standard", method="filter_standard")
    country = CodeListFilter(label=_("Country"), noun="country", method="filter_country")
    body = CodeListFilter(label=_("Standards body"), noun="standards body", method="filter_body")
    degree = CodeListFilter(
        label=_("Degree of correspondence"),
        noun="degree",
        choices=NationalAdoption.Degree.choices,
        method="filter_degree",
    )
    status = CodeListFilter(
        label=_("Status"),
        noun="status",
        choices=NationalAdoption.AdoptionStatus.choices,
        method="filter_status",
    )

    class Meta:
        model = NationalAdoption
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dynamic = {
            "standard": standard_slug_choices,
            "country": jurisdiction_choices,
            "body": standards_body_choices,
        }
        for name, choices in dynamic.items():
            self.filters[name].extra["choices"] = once(choices)

    def filter_standard(self, queryset, name, value):
        return queryset.filter(standard__slug__in=value) if value else queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(body__country__code__in=value) if value else queryset

    def filter_body(self, queryset, name, value):
        return queryset.filter(body__slug__in=value) if value else queryset

    def filter_degree(self, queryset, name, value):
        return queryset.filter(degree__in=value) if value else queryset

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value) if value else queryset
