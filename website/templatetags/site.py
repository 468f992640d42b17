"""Template tags for the site's frame: the main navigation, the language switch and
alternates, sources, glossary words."""

from collections.abc import Mapping

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext_lazy as _

from discovery.browse.glossary import definition
from discovery.browse.sources import source_parts

register = template.Library()

# (label, URL name, the view names that belong to the section)
SECTIONS = [
    (_("Standards"), "catalogue:standard-list", ("catalogue:standard-",)),
    (_("Objectives"), "policies:objective-list", ("policies:objective-",)),
    (_("Instruments"), "policies:instrument-list", ("policies:instrument-",)),
    (_("Jurisdictions"), "policies:jurisdiction-list", ("policies:jurisdiction-",)),
    (_("Committees"), "catalogue:committee-list", ("catalogue:committee-",)),
    (_("Coverage"), "website:coverage", ("website:coverage",)),
    (_("Compare"), "website:compare", ("website:compare",)),
    (_("Glossary"), "website:glossary", ("website:glossary",)),
    (_("About the data"), "website:about", ("website:about",)),
]


@register.inclusion_tag("includes/nav.html", takes_context=True)
def site_nav(context):
    """The sections, marking the one the current page belongs to."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    items = [
        {
            "label": label,
            "url": reverse(name),
            "current": current.startswith(prefixes),
            "exact": current == name,
        }
        for label, name, prefixes in SECTIONS
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        items.append(
            {
                "label": _("Curation"),
                "url": reverse("curation:curation-queue"),
                "current": current.startswith("curation:curation-"),
                "exact": current == "curation:curation-queue",
            }
        )
    return {"items": items}


def language_path(full_path: str, language: str) -> str:
    """The same address in ``language``, query string kept: ``/standards/?objective=4.2`` and
    ``/ja/standards/?objective=4.2`` are each other's.

    A page's address is the same in every language but for the prefix, which the default
    language (English) does not have (``i18n_patterns(prefix_default_language=False)``), so
    swapping the prefix is exact, on a 404 page too (where nothing resolves to reverse).
    """
    path, separator, query = full_path.partition("?")
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return f"{path}{separator}{query}"


def _languages(request):
    full_path = request.get_full_path() if request is not None else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": language_path(full_path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to this page, with its filters, in each language (plain links, no JavaScript)."""
    return {"languages": _languages(context.get("request"))}


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each language and ``x-default`` (English), as
    absolute addresses."""
    request = context.get("request")
    if request is None:
        return {"alternates": []}
    alternates = [
        (item["code"], request.build_absolute_uri(item["url"])) for item in _languages(request)
    ]
    default = next(url for code, url in alternates if code == settings.LANGUAGE_CODE)
    return {"alternates": [*alternates, ("x-default", default)]}


@register.inclusion_tag("includes/source_links.html")
def sources(text, inline=True):
    """A source text as short links named by their site (``discovery.browse.sources``)."""
    return {"sources": source_parts(text), "inline": inline}


@register.simple_tag
def explain(kind, code, label=None):
    """``<abbr title="definition">label</abbr>`` for a vocabulary word, linked to nothing: the
    definition shows on hover and is read by screen readers; the glossary has them all."""
    text = label if label is not None else code
    meaning = definition(kind, str(code))
    if not meaning:
        return text
    return format_html('<abbr class="term" title="{}">{}</abbr>', meaning, text)


@register.filter
def translated(entry, field):
    """A content field in the active language; where it has no translation and English stands
    in for it, the English text marked ``<span lang="en">`` (screen readers, fonts, search).

    ``{{ standard|translated:"title" }}``; rows without translations pass through.
    """
    if isinstance(entry, Mapping):
        return entry.get(field, "")
    value = getattr(entry, field, "")
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not value:
        return value
    localized = f"{field}_{language}"
    if not hasattr(entry, localized) or getattr(entry, localized):
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)
