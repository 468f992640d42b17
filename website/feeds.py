"""Atom feeds so that a regulator can follow what changes in the catalogue.

``/feeds/changes/`` lists the latest changes to published records; ``/feeds/standards/``
takes the standards filter's parameters (``?objective=4.3&jurisdiction=EU``) and lists the
most recently updated standards that match.
"""

import itertools

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Standard
from core.models import ReviewState
from discovery.filters import StandardFilterSet
from discovery.selectors import standard_list
from mappings.kinds import LINK_KINDS
from policies.models import PolicyInstrument, Provision

FEED_SIZE = 50
CHANGE_VERBS = {
    "+": gettext_lazy("added"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("removed"),
}


def recent_public_changes(limit: int = FEED_SIZE) -> list:
    """The latest history records of published standards, instruments, provisions and links
    of every kind.

    One query per kind of record, whatever ``limit`` is.
    """
    kinds = [
        Standard.history.filter(review_state=ReviewState.APPROVED),
        PolicyInstrument.history.all(),
        Provision.history.select_related("instrument"),
        *(
            kind.model.history.filter(review_state=ReviewState.APPROVED).select_related(
                *kind.related
            )
            for kind in LINK_KINDS
        ),
    ]
    records = itertools.chain.from_iterable(
        kind.order_by("-history_date", "-history_id")[:limit] for kind in kinds
    )
    return sorted(records, key=lambda record: record.history_date, reverse=True)[:limit]


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("AI standards catalogue: changes")
    subtitle = gettext_lazy("The latest changes to published standards, instruments and links.")

    def link(self):
        return reverse("catalogue:standard-list")

    def items(self):
        return recent_public_changes()

    def item_title(self, record):
        verb = CHANGE_VERBS.get(record.history_type, "")
        return f"{record._meta.verbose_name.removeprefix('historical ')} {record.instance}: {verb}"

    def item_description(self, record):
        return record.history_change_reason or ""

    def item_link(self, record):
        target = record.instance
        target = getattr(target, "standard", None) or getattr(target, "instrument", None) or target
        url = reverse("catalogue:standard-list")
        if hasattr(target, "get_absolute_url"):
            url = target.get_absolute_url()
        return f"{url}#change-{record._meta.model_name}-{record.history_id}"

    def item_pubdate(self, record):
        return record.history_date

    def item_updateddate(self, record):
        return record.history_date


class InvalidFilter(Exception):
    def __init__(self, errors):
        self.errors = errors


class StandardsFeed(Feed):
    """The standards a saved filter matches, latest updated first.

    The filterset is the feed's object, never state on the (shared) feed instance.
    """

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidFilter as invalid:
            lines = [f"{field}: {' '.join(errors)}" for field, errors in invalid.errors.items()]
            return HttpResponseBadRequest(
                "\n".join(lines), content_type="text/plain; charset=utf-8"
            )

    def get_object(self, request):
        filterset = StandardFilterSet(request.GET, queryset=standard_list())
        if not filterset.is_valid():
            raise InvalidFilter(filterset.errors)
        return filterset

    def title(self, filterset):
        query = filterset.data.urlencode()
        return _("AI standards catalogue: standards matching %(query)s") % {
            "query": query or _("all")
        }

    def link(self, filterset):
        query = filterset.data.urlencode()
        return reverse("catalogue:standard-list") + (f"?{query}" if query else "")

    def items(self, filterset):
        return filterset.qs.order_by("-updated_at", "-id")[:FEED_SIZE]

    def item_title(self, standard):
        return f"{standard.reference} {standard.title}"

    def item_description(self, standard):
        return standard.summary

    def item_updateddate(self, standard):
        return standard.updated_at

    def item_pubdate(self, standard):
        return standard.updated_at
