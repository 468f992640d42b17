"""The policy rows' fields that have a Japanese text (django-modeltranslation), and their
history: registered after the translation fields, as ``catalogue/translation.py`` explains."""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from policies.models import Institution, Jurisdiction, Objective, PolicyInstrument


class JurisdictionOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


class ObjectiveOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"en": ("title",)}


class InstrumentOptions(TranslationOptions):
    fields = ("name", "short_name")
    required_languages = {"en": ("name",)}


class InstitutionOptions(JurisdictionOptions):
    pass


TRANSLATED = [
    (Jurisdiction, JurisdictionOptions),
    (Objective, ObjectiveOptions),
    (PolicyInstrument, InstrumentOptions),
    (Institution, InstitutionOptions),
]

for model, options in TRANSLATED:
    translator.register(model, options)
    simple_history.register(model, app="policies")
