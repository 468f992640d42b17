"""Filters for policy instruments and jurisdictions, with the standards filter's semantics:
values of one parameter are OR-ed, parameters are AND-ed, unknown values are errors."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import CodeFilter, CodeListFilter, once
from discovery.applies_in import Scope, scope_ids
from discovery.filters import jurisdiction_choices
from policies.models import InstrumentKind, Jurisdiction, JurisdictionKind, PolicyInstrument


class Binding:
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"
    CHOICES = [
        (TRUE, _("Legally binding")),
        (FALSE, _("Not legally binding")),
        (UNKNOWN, _("Not known")),
    ]


class InstrumentFilterSet(django_filters.FilterSet):
    """Instruments by jurisdiction, kind and whether they bind.

    ``jurisdiction=DE`` keeps the instruments that apply in DE: DE's own, those of the blocs
    DE belongs to and the global (``INT``) ones; ``jurisdiction_scope=exact`` keeps DE's own.
    """

    jurisdiction = CodeFilter(label=_("Jurisdiction"), noun="jurisdiction", method="filter_noop")
    jurisdiction_scope = CodeFilter(
        label=_("Jurisdiction scope"),
        noun="jurisdiction scope",
        choices=Scope.CHOICES,
        method="filter_noop",
    )
    kind = CodeListFilter(
        label=_("Kind"), noun="kind", choices=InstrumentKind.choices, method="filter_kind"
    )
    binding = CodeListFilter(
        label=_("Legally binding"),
        noun="binding",
        choices=Binding.CHOICES,
        method="filter_binding",
    )

    class Meta:
        model = PolicyInstrument
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["jurisdiction"].extra["choices"] = once(jurisdiction_choices)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        code = self.form.cleaned_data.get("jurisdiction")
        if code:
            scope = self.form.cleaned_data.get("jurisdiction_scope") or Scope.INHERITED
            ids = scope_ids(code, scope)
            queryset = queryset.filter(jurisdiction__in=ids)
        return queryset

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value) if value else queryset

    def filter_binding(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        if Binding.TRUE in value:
            condition |= Q(binding=True)
        if Binding.FALSE in value:
            condition |= Q(binding=False)
        if Binding.UNKNOWN in value:
            condition |= Q(binding__isnull=True)
        return queryset.filter(condition)


class JurisdictionFilterSet(django_filters.FilterSet):
    kind = CodeListFilter(
        label=_("Kind"), noun="kind", choices=JurisdictionKind.choices, method="filter_kind"
    )

    class Meta:
        model = Jurisdiction
        fields = []

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value) if value else queryset
