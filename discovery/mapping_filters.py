"""The mappings filter: approved links of every kind by source standard, target,
relationship and confidence (values of one parameter OR-ed, parameters AND-ed)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from catalogue.models import LifecycleStage
from core.filters import CodeListFilter, once
from core.models import Confidence
from discovery.filters import (
    StandardSlugFilter,
    instrument_choices,
    objective_choices,
    standard_slug_choices,
)
from mappings.kinds import relationship_choices
from mappings.models import StandardProvisionLink
from mappings.selectors import CrosswalkQuery, TargetType, mapping_rows, target_id
from policies.models import Objective, PolicyInstrument, Provision


def target_choices():
    """Every target a mapping can point at, named ``type:key``."""
    choices = [
        (target_id(TargetType.OBJECTIVE, code), f"{code} {title}")
        for code, title in Objective.objects.order_by("code").values_list("code", "title")
    ]
    choices += [
        (target_id(TargetType.INSTRUMENT, slug), short_name or name)
        for slug, short_name, name in PolicyInstrument.objects.public()
        .order_by("slug")
        .values_list("slug", "short_name", "name")
    ]
    choices += [
        (target_id(TargetType.PROVISION, f"{instrument}/{slug}"), f"{short_name or name}, {ref}")
        for instrument, slug, short_name, name, ref in Provision.objects.public()
        .order_by("instrument__slug", "order", "id")
        .values_list(
            "instrument__slug", "slug", "instrument__short_name", "instrument__name", "ref"
        )
    ]
    choices += [
        (target_id(TargetType.LIFECYCLE_STAGE, slug), name)
        for slug, name in LifecycleStage.objects.order_by("order").values_list("slug", "name")
    ]
    return choices


RELATIONSHIP_CHOICES = relationship_choices()


class MappingFilterSet(django_filters.FilterSet):
    """Filter the approved links of every kind.

    ``source`` is a standard's slug; ``target`` names what the link points at:
    ``objective:4.2``, ``instrument:eu-ai-act`` (with the links to its provisions),
    ``provision:eu-ai-act/article-40`` or ``lifecycle_stage:deployment``.

    The rows come from ``mapping_rows()``, which unites three tables, so the queryset
    passed in only names the model and is otherwise ignored.
    """

    source = StandardSlugFilter(label=_("Source standard (slug)"), noun="standard")
    target = CodeListFilter(label=_("Target"), noun="target")
    relationship = CodeListFilter(
        label=_("Relationship"), noun="relationship", choices=RELATIONSHIP_CHOICES
    )
    confidence = CodeListFilter(
        label=_("Confidence"), noun="confidence", choices=Confidence.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source"].extra["choices"] = once(standard_slug_choices)
        self.filters["target"].extra["choices"] = once(target_choices)

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return mapping_rows(
            standards=data.get("source"),
            targets=data.get("target"),
            relationships=data.get("relationship"),
            confidences=data.get("confidence"),
        )


class CrosswalkFilterSet(django_filters.FilterSet):
    """What a crosswalk export holds: ``instrument`` and ``objective`` name the targets to
    export (either alone keeps only its links; both, the links to each); ``standard`` and
    ``confidence`` narrow them. Values of one parameter are OR-ed."""

    standard = StandardSlugFilter(label=_("Source standard (slug)"), noun="standard")
    instrument = CodeListFilter(label=_("Instrument"), noun="instrument")
    objective = CodeListFilter(label=_("Objective"), noun="objective")
    confidence = CodeListFilter(
        label=_("Confidence"), noun="confidence", choices=Confidence.choices
    )

    class Meta:
        model = StandardProvisionLink
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["standard"].extra["choices"] = once(standard_slug_choices)
        self.filters["instrument"].extra["choices"] = once(instrument_choices)
        self.filters["objective"].extra["choices"] = once(objective_choices)

    def crosswalk_query(self) -> CrosswalkQuery:
        """The validated values (call ``is_valid()`` first)."""
        data = self.form.cleaned_data
        return CrosswalkQuery(
            standards=tuple(data.get("standard") or ()),
            instruments=tuple(data.get("instrument") or ()),
            objectives=tuple(data.get("objective") or ()),
            confidences=tuple(data.get("confidence") or ()),
        )
