"""Reads about jurisdictions, instruments and objectives."""

from django.db.models import Prefetch, QuerySet

from policies.models import Jurisdiction, PolicyInstrument, Provision

GLOBAL_CODE = "INT"


class Scope:
    INHERITED = "inherited"
    EXACT = "exact"
    CHOICES = [INHERITED, EXACT]


def jurisdiction_scope(jurisdiction: Jurisdiction, scope: str = Scope.INHERITED) -> list[int]:
    """Return the ids of the jurisdictions whose instruments apply in ``jurisdiction``.

    ``exact`` is the jurisdiction alone. ``inherited`` adds every bloc it belongs to and the
    global jurisdiction (``INT``): Germany inherits the EU's, the OECD's, the Council of
    Europe's and the global instruments; the EU inherits the global ones (not its members').
    """
    if scope == Scope.EXACT:
        return [jurisdiction.pk]
    ids = {jurisdiction.pk}
    ids.update(Jurisdiction.objects.filter(code=GLOBAL_CODE).values_list("pk", flat=True))
    ids.update(jurisdiction.blocs.values_list("pk", flat=True))
    return sorted(ids)


def instrument_list() -> QuerySet[PolicyInstrument]:
    return PolicyInstrument.objects.select_related("jurisdiction")


def instrument_detail_queryset() -> QuerySet[PolicyInstrument]:
    return instrument_list().prefetch_related(
        Prefetch("provisions", queryset=Provision.objects.order_by("order", "id"))
    )
