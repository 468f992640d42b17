"""Atom feeds so that a regulator can follow what changes in the catalogue.

``/feeds/changes/`` lists the latest changes to published records; ``/feeds/standards/``
takes the standards filter's parameters (``?objective=4.3&jurisdiction=EU``) and lists the
most recently updated standards that match.

Summaries are plain text (``<summary type="text">``): a curator's summary or a review
comment reaches a feed reader as the characters typed, never as markup. Each feed carries
``Last-Modified`` (its latest entry) and an ``ETag`` (its body), and answers
``If-Modified-Since`` / ``If-None-Match`` with 304.
"""

import itertools

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import parse_http_date_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Standard
from core.api import body_etag
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


def _published(model):
    """History records made while the row was public, of rows that are public now."""
    return model.history.filter(
        model.public_condition(), id__in=model.objects.public().values("pk")
    )


def recent_public_changes(limit: int = FEED_SIZE) -> list:
    """The latest history records of published standards, instruments, provisions and links
    of every kind.

    One query per kind of record, whatever ``limit`` is.
    """
    kinds = [
        _published(Standard),
        _published(PolicyInstrument),
        _published(Provision).select_related("instrument"),
        *(_published(kind.model).select_related(*kind.related) for kind in LINK_KINDS),
    ]
    records = itertools.chain.from_iterable(
        kind.order_by("-history_date", "-history_id")[:limit] for kind in kinds
    )
    return sorted(records, key=lambda record: record.history_date, reverse=True)[:limit]


class PlainTextAtomFeed(Atom1Feed):
    """Atom with ``<summary type="text">``: Django's ``type="html"`` would have a feed reader
    render a summary holding ``<img src=x onerror=…>`` as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ConditionalFeed(Feed):
    """A feed with an ETag of its body, answering If-None-Match / If-Modified-Since with 304.

    Django's Feed sets ``Last-Modified`` to the latest entry's date; the ETag also catches
    an entry that left the feed (a withdrawn link) without a newer one arriving.
    """

    feed_type = PlainTextAtomFeed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        response["ETag"] = body_etag(response.content)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )


class ChangesFeed(ConditionalFeed):
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


class StandardsFeed(ConditionalFeed):
    """The standards a saved filter matches, latest updated first.

    The filterset is the feed's object, never state on the (shared) feed instance.
    """

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
