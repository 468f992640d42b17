"""The language of an API answer (``/api/``) and of a feed (``/feeds/``).

Pages take their language from the address (``/ja/…``, Django's ``LocaleMiddleware`` with
``i18n_patterns``), which leaves every unprefixed address in English. A script asks instead:
``?lang=ja`` first, then the ``Accept-Language`` header; English otherwise. Labels (objective
titles, stage names, jurisdiction names, standard titles where translated, vocabularies) come
in that language, codes and slugs never change. The answer says its language
(``Content-Language``) and that it depends on the header (``Vary: Accept-Language``).
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

LANGUAGE_PARAMETER = "lang"
NEGOTIATED_PREFIXES = ("/api/", "/feeds/")
PREFIXED_PATHS = ("/feeds/",)  # also in i18n_patterns (config/urls.py)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def unknown_language_message(value: str) -> str:
    return _("Unknown language '%(value)s'. Allowed: %(allowed)s.") % {
        "value": value,
        "allowed": ", ".join(language_codes()),
    }


def language_from_header(header: str) -> str:
    """The first language of ``Accept-Language`` the catalogue speaks (``ja-JP`` is ``ja``)."""
    for accepted, _quality in parse_accept_lang_header(header):
        if accepted == "*":
            break
        try:
            return translation.get_supported_language_variant(accepted)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiLanguageMiddleware:
    """Answer ``/api/`` and ``/feeds/`` in the language asked for (after ``LocaleMiddleware``).

    An unknown ``?lang=`` is a 400 naming the parameter and the languages allowed. Writes are
    in English: the write API sets the English texts, whatever the client's header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(NEGOTIATED_PREFIXES):
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            # A write sets the English text (modeltranslation writes the active language).
            translation.activate(settings.LANGUAGE_CODE)
            return self.get_response(request)
        asked = request.GET.get(LANGUAGE_PARAMETER)
        if asked is not None and asked not in language_codes():
            response = JsonResponse(
                {LANGUAGE_PARAMETER: [unknown_language_message(asked)]}, status=400
            )
            patch_vary_headers(response, ["Accept-Language"])
            return response
        language = asked or language_from_header(request.headers.get("Accept-Language", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if language != settings.LANGUAGE_CODE and request.path_info.startswith(PREFIXED_PATHS):
            # Feeds also live under /ja/ (i18n_patterns): an unprefixed feed asked for in
            # Japanese is resolved there, so its address and its links stay in Japanese.
            request.path_info = f"/{language}{request.path_info}"
        response = self.get_response(request)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response


def localized_values(*fields: str) -> list[str]:
    """The columns of ``fields`` in every language, for ``values()`` (``title_en``, ``title_ja``
    …), read as the active language's text by ``localize``."""
    return [f"{field}_{code}" for field in fields for code in language_codes()]


def localize(row: dict, *fields: str) -> dict:
    """Replace the language columns of ``fields`` in a ``values()`` row by the text in the
    active language, or in English where it has none (modeltranslation's fallback)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    for field in fields:
        texts = {code: row.pop(f"{field}_{code}", None) for code in language_codes()}
        row[field] = texts.get(language) or texts[settings.LANGUAGE_CODE] or row.get(field) or ""
    return row
